package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Tables;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.ChangeFeed;
import io.cx.common.spark.Kept;
import io.cx.common.spark.TableIO;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which responses a fuse run recomputes: all of the journeys' responses (a full run), or those
 * whose inputs changed since the last successful fuse run ({@link FuseBaseline}), read from Delta's
 * Change Data Feed of survey_answers, behavior_events and customers:
 *
 * <ul>
 *   <li>responses with an answer added, changed or removed;
 *   <li>responses of a customer with an event added, changed or removed whose time lies in the
 *       response's look-back window or its churn horizon (s - lookback &lt;= t &lt;= s + horizon):
 *       late events included, however late;
 *   <li>responses of a customer whose customers row changed.
 * </ul>
 *
 * <p>Apart from those, a response whose churn label is not yet observed (its horizon was still
 * open) gets its label recomputed: time alone can settle it. Its stage facts and features depend on
 * nothing time changes, so they are not recomputed ({@code openLabels}).
 *
 * <p>Everything is recomputed on a first run, when a journey has no successful fuse run, when the
 * run date is before the last run's (a rerun of an earlier date), when an output table is missing,
 * when an input was not read last time, or when the change feed cannot serve the versions since;
 * the reason is given.
 *
 * @param keys the responses recomputed in full (journey, response_id), or null for all
 * @param openLabels the responses whose churn label is open (journey, response_id, customer_id,
 *     submitted_at, from churn_labels), or null for all; their labels are recomputed too
 * @param reason why all are recomputed, or null
 */
record FuseChanges(Dataset<Row> keys, Dataset<Row> openLabels, String reason) {
  static final List<String> OUTPUTS = Tables.CURRENT_STATE;

  boolean full() {
    return keys == null;
  }

  static FuseChanges all(String reason) {
    return new FuseChanges(null, null, reason);
  }

  /**
   * @param read the version of each input read by this run (absent: the input does not exist)
   */
  static FuseChanges since(
      TableIO tables, List<JourneyMap> journeys, LocalDate runDate, Map<String, Long> read) {
    List<String> ids = journeys.stream().map(JourneyMap::id).toList();
    for (String out : OUTPUTS) {
      if (!tables.exists(out)) {
        return all(out + " does not exist yet: every response computed.");
      }
    }
    List<String> have = List.of(tables.readWritten(Tables.JOURNEY_FEATURES).columns());
    List<String> missing =
        List.of(FeatureColumns.schemaOf(journeys).fieldNames()).stream()
            .filter(c -> !have.contains(c))
            .toList();
    if (!missing.isEmpty()) {
      return all(
          "journey_features has no column "
              + String.join(", ", missing)
              + " (a journey map changed): every response computed.");
    }
    FuseBaseline b = FuseBaseline.of(tables, ids);
    if (b == null) {
      return all(
          "first fuse run of journey(s) " + String.join(", ", ids) + ": every response computed.");
    }
    if (runDate.isBefore(b.runDate())) {
      return all(
          "rerun of "
              + runDate
              + ", before the last fuse run's date "
              + b.runDate()
              + ": every response computed as of "
              + runDate
              + ".");
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    Dataset<Row> known =
        tables
            .readWritten(Tables.JOURNEY_FEATURES)
            .where(col(Cols.JOURNEY).isin(ids.toArray()))
            .select(Cols.JOURNEY, Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT);
    for (String input : List.of(Tables.SURVEY_ANSWERS, Tables.BEHAVIOR_EVENTS, Tables.CUSTOMERS)) {
      Long now = read.get(input);
      if (now == null) {
        continue;
      }
      Long then = b.versions().get(input);
      if (then == null) {
        return all(input + " was not read by the last fuse run: every response computed.");
      }
      if (then.longValue() == now.longValue()) {
        continue;
      }
      ChangeFeed.Read<Dataset<Row>> changes =
          ChangeFeed.read(
              tables,
              input,
              then,
              now,
              // Read now (a range Delta cannot serve is reported here, not later), and kept.
              c -> Kept.of(touched(input, c, known, journeys)));
      if (!changes.available()) {
        return all(changes.unavailable() + ": every response computed.");
      }
      parts.add(changes.value());
    }
    Dataset<Row> open =
        tables
            .readWritten(Tables.CHURN_LABELS)
            .where(col(Cols.JOURNEY).isin(ids.toArray()))
            .where(col(Cols.OBSERVED).equalTo(false))
            .select(Cols.JOURNEY, Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT);
    Dataset<Row> keys =
        parts.stream()
            .reduce(Dataset::union)
            .orElseGet(() -> open.select(Cols.JOURNEY, Cols.RESPONSE_ID).limit(0));
    return new FuseChanges(Kept.of(keys.distinct()), Kept.of(open), null);
  }

  /** The responses a change to one input touches: (journey, response_id). */
  private static Dataset<Row> touched(
      String input, Dataset<Row> changes, Dataset<Row> known, List<JourneyMap> journeys) {
    return switch (input) {
      case Tables.SURVEY_ANSWERS ->
          changes
              .where(col(Cols.JOURNEY).isin(journeys.stream().map(JourneyMap::id).toArray()))
              .select(Cols.JOURNEY, Cols.RESPONSE_ID);
      case Tables.CUSTOMERS ->
          known
              .join(changes.select(Cols.CUSTOMER_ID).distinct(), Cols.CUSTOMER_ID)
              .select(Cols.JOURNEY, Cols.RESPONSE_ID);
      default -> {
        Dataset<Row> events = changes.select(Cols.CUSTOMER_ID, Cols.EVENT_TIME).distinct();
        Column t = events.col(Cols.EVENT_TIME);
        Column s = known.col(Cols.SUBMITTED_AT);
        yield known
            .join(events, known.col(Cols.CUSTOMER_ID).equalTo(events.col(Cols.CUSTOMER_ID)))
            .where(t.geq(s.minus(reach(journeys, true))).and(t.leq(s.plus(reach(journeys, false)))))
            .select(known.col(Cols.JOURNEY), known.col(Cols.RESPONSE_ID));
      }
    };
  }

  /** The journey's look-back (before the survey) or churn horizon (after it), as an interval. */
  static Column reach(List<JourneyMap> journeys, boolean lookback) {
    Column out = null;
    for (JourneyMap j : journeys) {
      int days = lookback ? j.lookbackDays() : j.churn() == null ? 0 : j.churn().horizonDays();
      Column d = expr("INTERVAL " + days + " DAYS");
      out =
          out == null
              ? org.apache.spark.sql.functions.when(col(Cols.JOURNEY).equalTo(j.id()), d)
              : out.when(col(Cols.JOURNEY).equalTo(j.id()), d);
    }
    return out;
  }
}
