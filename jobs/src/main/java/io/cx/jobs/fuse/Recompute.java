package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Kept;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs an incremental fuse run needs. A response recomputed in full needs its answers, its
 * customer's events in its look-back window and churn horizon, and its customer's rows: every
 * output row of a response depends on nothing else, so fusing these gives the same rows as fusing
 * everything. A response whose churn label only is recomputed (it is open, and nothing else of it
 * changed) needs its customer's events in its horizon. Both sets are small and read several times
 * (counted, then fused into three tables), so they are computed once and kept ({@link Kept}).
 */
final class Recompute {
  private static final String WINDOW_CUSTOMER = "_w_customer";
  private static final String LO = "_w_lo";
  private static final String HI = "_w_hi";

  private Recompute() {}

  /**
   * What an incremental run fuses.
   *
   * @param inputs the answers of the responses recomputed in full; the events of both sets'
   *     windows; the customers rows of the former
   * @param labelsOnly the open labels recomputed alone: journey, response_id, customer_id,
   *     submitted_at
   */
  record Scope(FuseInputs inputs, Dataset<Row> labelsOnly) {}

  /**
   * @param answers the journeys' answers up to the run date
   * @param changes the responses recomputed in full, and the open labels
   */
  static Scope narrow(
      Dataset<Row> answers, FuseInputs in, FuseChanges changes, List<JourneyMap> journeys) {
    String[] response = {Cols.JOURNEY, Cols.RESPONSE_ID};
    Dataset<Row> mine = answers.join(changes.keys(), response, "left_semi");
    Dataset<Row> labelsOnly =
        Kept.of(changes.openLabels().join(changes.keys(), response, "left_anti"));
    Dataset<Row> customers = mine.select(Cols.CUSTOMER_ID).distinct();
    // A full recompute reads its customer's events in [s - lookback, s + horizon], a label alone
    // in [s, s + horizon].
    Dataset<Row> windows =
        mine.select(Cols.CUSTOMER_ID, Cols.JOURNEY, Cols.SUBMITTED_AT)
            .distinct()
            .select(
                col(Cols.CUSTOMER_ID).as(WINDOW_CUSTOMER),
                col(Cols.SUBMITTED_AT).minus(FuseChanges.reach(journeys, true)).as(LO),
                col(Cols.SUBMITTED_AT).plus(FuseChanges.reach(journeys, false)).as(HI))
            .union(
                labelsOnly.select(
                    col(Cols.CUSTOMER_ID).as(WINDOW_CUSTOMER),
                    col(Cols.SUBMITTED_AT).as(LO),
                    col(Cols.SUBMITTED_AT).plus(FuseChanges.reach(journeys, false)).as(HI)));
    Column inWindow =
        col(Cols.CUSTOMER_ID)
            .equalTo(col(WINDOW_CUSTOMER))
            .and(col(Cols.EVENT_TIME).geq(col(LO)))
            .and(col(Cols.EVENT_TIME).leq(col(HI)));
    String[] by = {Cols.CUSTOMER_ID};
    FuseInputs inputs =
        new FuseInputs(
            Kept.of(mine),
            Kept.of(in.events().join(windows, inWindow, "left_semi")),
            in.customers() == null
                ? null
                : Kept.of(in.customers().join(customers, by, "left_semi")));
    return new Scope(inputs, labelsOnly);
  }
}
