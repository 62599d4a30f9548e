package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs an incremental fuse run needs: the answers of the recomputed responses, their
 * customers' events in the responses' look-back windows and churn horizons, and their customers'
 * rows. Every output row of a response depends on nothing else (its answers, its customer's events
 * and customers rows), so fusing these gives the same rows as fusing everything. They are small and
 * read several times (counted, then fused into three tables), so they are computed once and kept
 * ({@link #small}).
 */
final class Recompute {
  private static final String WINDOW_CUSTOMER = "_w_customer";
  private static final String LO = "_w_lo";
  private static final String HI = "_w_hi";

  private Recompute() {}

  /**
   * @param answers the journeys' answers up to the run date
   * @param keys the recomputed responses: journey, response_id
   */
  static FuseInputs narrow(
      Dataset<Row> answers, FuseInputs in, Dataset<Row> keys, List<JourneyMap> journeys) {
    Dataset<Row> mine =
        answers.join(keys, new String[] {Cols.JOURNEY, Cols.RESPONSE_ID}, "left_semi");
    Dataset<Row> customers = mine.select(Cols.CUSTOMER_ID).distinct();
    // Each response reads its customer's events in [s - lookback, s + horizon] only.
    Dataset<Row> windows =
        mine.select(Cols.CUSTOMER_ID, Cols.JOURNEY, Cols.SUBMITTED_AT)
            .distinct()
            .select(
                col(Cols.CUSTOMER_ID).as(WINDOW_CUSTOMER),
                col(Cols.SUBMITTED_AT).minus(FuseChanges.reach(journeys, true)).as(LO),
                col(Cols.SUBMITTED_AT).plus(FuseChanges.reach(journeys, false)).as(HI));
    Column inWindow =
        col(Cols.CUSTOMER_ID)
            .equalTo(col(WINDOW_CUSTOMER))
            .and(col(Cols.EVENT_TIME).geq(col(LO)))
            .and(col(Cols.EVENT_TIME).leq(col(HI)));
    String[] by = {Cols.CUSTOMER_ID};
    return new FuseInputs(
        small(mine),
        small(in.events().join(windows, inWindow, "left_semi")),
        in.customers() == null ? null : small(in.customers().join(customers, by, "left_semi")));
  }

  /**
   * The rows computed now and kept, with a plan of one leaf: fusion uses each input several times,
   * and a leaf that carried the change-feed reads would multiply the plan it is planned with.
   */
  static Dataset<Row> small(Dataset<Row> rows) {
    return rows.localCheckpoint(true);
  }
}
