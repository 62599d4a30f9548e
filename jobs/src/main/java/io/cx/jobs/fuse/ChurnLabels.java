package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
  private static final String CHURN_TIMES = "_churn_times";
  private static final String ACTIVITY_TIMES = "_activity_times";

  private static final StructType ROLES =
      new StructType()
          .add(Cols.JOURNEY, DataTypes.StringType, false)
          .add(Cols.EVENT_TYPE, DataTypes.StringType, false)
          .add(ROLE, DataTypes.StringType, false);

  /** The columns of a response that its label depends on, besides its customer's events. */
  static Column[] responseColumns() {
    return new Column[] {
      col(Cols.RESPONSE_ID), col(Cols.CUSTOMER_ID), col(Cols.SUBMITTED_AT), col(Cols.JOURNEY)
    };
  }

  private ChurnLabels() {}

  /**
   * @param responses response_id, customer_id, submitted_at, journey
   * @param events behavior_events rows (customer_id, event_time, event_type, value)
   * @param runEnd the first instant after the run date
   * @return rows of {@link Schemas#CHURN_LABELS}
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
      return spark.createDataFrame(List.of(), Schemas.CHURN_LABELS);
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
                JourneyColumns.perJourney(
                        withRule, j -> lit(j.churn().horizonDays() * EventWindows.DAY_MICROS))
                    .as(H_US),
                JourneyColumns.perJourney(
                        withRule, j -> lit(j.churn().inactiveDays() * EventWindows.DAY_MICROS))
                    .as(I_US),
                JourneyColumns.perJourney(withRule, j -> lit(j.timezone().getId())).as(ZONE));

    List<Row> roleRows = roles(withRule);
    Set<String> types = new TreeSet<>();
    roleRows.forEach(r -> types.add(r.getString(1)));
    Dataset<Row> roles = spark.createDataFrame(roleRows, ROLES);
    Dataset<Row> timelines = timelines(events, broadcast(roles), types, endUs);

    Column horizonEnd = s.plus(col(H_US));
    Column churnEvents = inHorizon(col(CHURN_TIMES), s, horizonEnd);
    Column activity = inHorizon(col(ACTIVITY_TIMES), s, horizonEnd);
    Column points = concat(array(s), activity);
    Column gaps =
        filter(
            zip_with(
                slice(points, lit(1), size(points).minus(1)),
                slice(points, lit(2), size(points)),
                (earlier, later) ->
                    when(
                        col(I_US).gt(0).and(later.minus(earlier).geq(col(I_US))),
                        earlier.plus(col(I_US)))),
            Column::isNotNull);
    Dataset<Row> withTimes =
        base.join(timelines, new String[] {Cols.CUSTOMER_ID, Cols.JOURNEY}, "left")
            .withColumn(EVENT_US, at(churnEvents, 1))
            .withColumn(GAP_US, at(gaps, 1))
            .withColumn(LAST_US, at(activity, -1));

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
        withTimes.select(
            col(Cols.RESPONSE_ID),
            col(Cols.CUSTOMER_ID),
            col(Cols.SUBMITTED_AT),
            col(Cols.JOURNEY),
            when(churnAt.isNotNull(), lit(true)).when(observed, lit(false)).as(Cols.CHURNED),
            to_date(from_utc_timestamp(timestamp_micros(churnAt), col(ZONE))).as(Cols.CHURN_DATE),
            rule.as(Cols.CHURN_RULE),
            observed.as(Cols.OBSERVED),
            timestamp_micros(horizonEnd).as(Cols.HORIZON_END),
            lit(Date.valueOf(runDate)).as(Cols.RUN_DATE));
    return Schemas.conform(labels, Schemas.CHURN_LABELS);
  }

  /**
   * Per customer and journey with a churn rule, two sorted arrays of epoch microseconds before the
   * end of the run date: {@link #CHURN_TIMES}, every instant a churn event happened, and {@link
   * #ACTIVITY_TIMES}, the first and the last activity of every UTC day with activity.
   *
   * <p>Keeping two activity instants per day loses nothing: inactive_days is a whole number of days
   * (at least 1), so a gap that long always runs from a day's last activity to a later day's first
   * one; and in the day holding a horizon's end, the last activity inside the horizon starts a tail
   * that cannot be complete before that end, whichever of the day's instants it is. A customer with
   * millions of events on a day brings two instants for it.
   */
  private static Dataset<Row> timelines(
      Dataset<Row> events, Dataset<Row> roles, Set<String> types, long endUs) {
    Column t = col(EventWindows.T);
    Dataset<Row> typed =
        events
            .where(col(Cols.EVENT_TYPE).isin(types.toArray()))
            .select(
                col(Cols.CUSTOMER_ID),
                col(Cols.EVENT_TYPE),
                unix_micros(col(Cols.EVENT_TIME)).as(EventWindows.T))
            .where(t.lt(endUs))
            .join(roles, Cols.EVENT_TYPE);
    Dataset<Row> churnTimes =
        typed
            .where(col(ROLE).equalTo("event"))
            .groupBy(Cols.CUSTOMER_ID, Cols.JOURNEY)
            .agg(array_sort(collect_set(t)).as(CHURN_TIMES));
    Dataset<Row> activityTimes =
        typed
            .where(col(ROLE).equalTo("activity"))
            .groupBy(col(Cols.CUSTOMER_ID), col(Cols.JOURNEY), EventWindows.day(t))
            .agg(min(t).as("_first"), max(t).as("_last"))
            .groupBy(Cols.CUSTOMER_ID, Cols.JOURNEY)
            .agg(
                array_sort(flatten(collect_list(array(col("_first"), col("_last")))))
                    .as(ACTIVITY_TIMES));
    return churnTimes.join(activityTimes, new String[] {Cols.CUSTOMER_ID, Cols.JOURNEY}, "full");
  }

  /** The sorted instants of an array (null: none) that lie in the horizon (s, h]. */
  private static Column inHorizon(Column times, Column s, Column h) {
    return filter(
        coalesce(times, array().cast(DataTypes.createArrayType(DataTypes.LongType))),
        x -> x.gt(s).and(x.leq(h)));
  }

  /** The element at a 1-based index (negative: from the end) of an array, or null when empty. */
  private static Column at(Column array, int index) {
    return when(size(array).gt(0), element_at(array, index));
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
}
