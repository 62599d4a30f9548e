package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.journey.ChurnRule;
import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * churn_labels: whether the customer churned within the horizon after each survey response, as
 * known at the end of the run date. Only journeys with a {@code churn} rule get rows.
 *
 * <p>With s = submitted_at, H = horizon_days and I = inactive_days (days of 24 hours), and the
 * horizon {@code (s, s + H]}:
 *
 * <ul>
 *   <li>by event: the first event of the rule's churn types in the horizon; its instant is the
 *       churn instant.
 *   <li>by inactivity: take s and the activity events in the horizon, in time order, then s + H.
 *       The first time two consecutive ones are at least I apart (a gap of exactly I counts), the
 *       customer churned at the earlier one + I: the first instant it had been inactive for I days.
 *       Activity before s does not matter: the survey itself starts the clock.
 *   <li>churned by both: the earlier instant wins ({@code event} on a tie). churn_date is the churn
 *       instant's date in the journey's time zone; churn_rule says which rule.
 * </ul>
 *
 * <p>Events at or after the end of the run date are not looked at. {@code observed} is true when
 * the horizon end lies before the end of the run date. When it is not, churned is true if a churn
 * event was already seen, or an inactivity gap of I days was already complete before the end of the
 * run date (a churn seen early is a fact), and null otherwise. When it is, churned is false unless
 * a rule applies.
 */
final class ChurnLabels {
  private static final String S_US = "_s_us";
  private static final String H_US = "_h_us";
  private static final String I_US = "_i_us";
  private static final String ZONE = "_zone";
  private static final String ROLE = "_role";
  private static final String EVENT_US = "_event_us";
  private static final String GAP_US = "_gap_us";
  private static final String LAST_US = "_last_us";

  private static final StructType ROLES =
      new StructType()
          .add(Cols.JOURNEY, DataTypes.StringType, false)
          .add(Cols.EVENT_TYPE, DataTypes.StringType, false)
          .add(ROLE, DataTypes.StringType, false);

  private ChurnLabels() {}

  /**
   * @param responses response_id, customer_id, submitted_at, journey
   * @param events behavior_events rows (customer_id, event_time, event_type, value)
   * @param runEnd the first instant after the run date
   * @return rows of {@link FuseSchemas#CHURN_LABELS}
   */
  static Dataset<Row> of(
      Dataset<Row> responses,
      Dataset<Row> events,
      List<JourneyMap> journeys,
      Instant runEnd,
      LocalDate runDate) {
    SparkSession spark = responses.sparkSession();
    List<JourneyMap> withRule = journeys.stream().filter(j -> j.churn() != null).toList();
    if (withRule.isEmpty()) {
      return spark.createDataFrame(List.of(), FuseSchemas.CHURN_LABELS);
    }
    long endUs = ChronoUnit.MICROS.between(Instant.EPOCH, runEnd);
    Column s = col(S_US);
    Dataset<Row> base =
        responses
            .where(col(Cols.JOURNEY).isin(withRule.stream().map(JourneyMap::id).toArray()))
            .select(
                col(Cols.RESPONSE_ID),
                col(Cols.CUSTOMER_ID),
                col(Cols.SUBMITTED_AT),
                col(Cols.JOURNEY),
                unix_micros(col(Cols.SUBMITTED_AT)).as(S_US),
                perJourney(withRule, j -> lit(j.churn().horizonDays() * EventWindows.DAY_MICROS))
                    .as(H_US),
                perJourney(withRule, j -> lit(j.churn().inactiveDays() * EventWindows.DAY_MICROS))
                    .as(I_US),
                perJourney(withRule, j -> lit(j.timezone().getId())).as(ZONE));

    // The horizon (s, s + H] as the window [s + 1 us, s + H + 1 us).
    Dataset<Row> windows =
        base.select(
            col(Cols.RESPONSE_ID),
            col(Cols.CUSTOMER_ID),
            col(Cols.JOURNEY),
            s,
            col(I_US),
            s.plus(1).as(EventWindows.LO),
            s.plus(col(H_US)).plus(1).as(EventWindows.HI));
    List<Row> roleRows = roles(withRule);
    Set<String> types = new TreeSet<>();
    roleRows.forEach(r -> types.add(r.getString(1)));
    Dataset<Row> roles = spark.createDataFrame(roleRows, ROLES);
    Dataset<Row> typed =
        events
            .where(col(Cols.EVENT_TYPE).isin(types.toArray()))
            .select(
                col(Cols.CUSTOMER_ID),
                col(Cols.EVENT_TYPE),
                unix_micros(col(Cols.EVENT_TIME)).as(EventWindows.T),
                col(Cols.VALUE))
            .where(col(EventWindows.T).lt(endUs));
    Dataset<Row> inside =
        EventWindows.inside(windows, typed, Set.of())
            .join(broadcast(roles), new String[] {Cols.JOURNEY, Cols.EVENT_TYPE}, "inner");

    Dataset<Row> churnEvents =
        inside
            .where(col(ROLE).equalTo("event"))
            .groupBy(Cols.RESPONSE_ID)
            .agg(min(EventWindows.T_MIN).as(EVENT_US));
    Dataset<Row> activity = inactivityGaps(inside.where(col(ROLE).equalTo("activity")));

    Column horizonEnd = s.plus(col(H_US));
    Column tail = coalesce(col(LAST_US), s).plus(col(I_US));
    Column tailComplete = col(I_US).gt(0).and(tail.leq(horizonEnd)).and(tail.lt(lit(endUs)));
    Column inactivity = least(col(GAP_US), when(tailComplete, tail));
    Column churnAt = least(col(EVENT_US), inactivity);
    Column observed = horizonEnd.lt(lit(endUs));
    Column rule =
        when(
                col(EVENT_US)
                    .isNotNull()
                    .and(inactivity.isNull().or(col(EVENT_US).leq(inactivity))),
                lit("event"))
            .when(inactivity.isNotNull(), lit("inactivity"));
    Dataset<Row> labels =
        base.join(churnEvents, new String[] {Cols.RESPONSE_ID}, "left")
            .join(activity, new String[] {Cols.RESPONSE_ID}, "left")
            .select(
                col(Cols.RESPONSE_ID),
                col(Cols.CUSTOMER_ID),
                col(Cols.SUBMITTED_AT),
                col(Cols.JOURNEY),
                when(churnAt.isNotNull(), lit(true)).when(observed, lit(false)).as(Cols.CHURNED),
                to_date(from_utc_timestamp(timestamp_micros(churnAt), col(ZONE)))
                    .as(Cols.CHURN_DATE),
                rule.as(FuseSchemas.CHURN_RULE),
                observed.as(Cols.OBSERVED),
                timestamp_micros(horizonEnd).as(FuseSchemas.HORIZON_END),
                lit(Date.valueOf(runDate)).as(Cols.RUN_DATE));
    return FuseSchemas.conform(labels, FuseSchemas.CHURN_LABELS);
  }

  /**
   * Per response, the first completed inactivity gap between activity pieces ({@link #GAP_US}: the
   * instant the customer had been inactive for I days) and the last activity ({@link #LAST_US}).
   * Pieces never straddle a day, so a gap of a day or more is always between two pieces; pieces of
   * different activity types with the same start cover the same stretch of time and are merged
   * first.
   */
  private static Dataset<Row> inactivityGaps(Dataset<Row> activityPieces) {
    Dataset<Row> pieces =
        activityPieces
            .groupBy(Cols.RESPONSE_ID, S_US, I_US, EventWindows.PIECE)
            .agg(
                min(EventWindows.T_MIN).as(EventWindows.T_MIN),
                max(EventWindows.T_MAX).as(EventWindows.T_MAX));
    Column previous =
        coalesce(
            lag(col(EventWindows.T_MAX), 1)
                .over(Window.partitionBy(Cols.RESPONSE_ID).orderBy(EventWindows.PIECE)),
            col(S_US));
    Column candidate =
        when(
            col(I_US).gt(0).and(col(EventWindows.T_MIN).minus(previous).geq(col(I_US))),
            previous.plus(col(I_US)));
    return pieces
        .withColumn("_candidate", candidate)
        .groupBy(Cols.RESPONSE_ID)
        .agg(min("_candidate").as(GAP_US), max(EventWindows.T_MAX).as(LAST_US));
  }

  /** (journey, event_type, role): role {@code event} (churn event) or {@code activity}. */
  private static List<Row> roles(List<JourneyMap> journeys) {
    List<Row> rows = new ArrayList<>();
    for (JourneyMap j : journeys) {
      ChurnRule rule = j.churn();
      new TreeSet<>(rule.events()).forEach(t -> rows.add(RowFactory.create(j.id(), t, "event")));
      if (rule.inactiveDays() > 0) {
        new TreeSet<>(rule.activityEvents())
            .forEach(t -> rows.add(RowFactory.create(j.id(), t, "activity")));
      }
    }
    return rows;
  }

  private static Column perJourney(List<JourneyMap> journeys, Function<JourneyMap, Column> value) {
    Column out = null;
    for (JourneyMap j : journeys) {
      Column is = col(Cols.JOURNEY).equalTo(j.id());
      out = out == null ? when(is, value.apply(j)) : out.when(is, value.apply(j));
    }
    return out;
  }
}
