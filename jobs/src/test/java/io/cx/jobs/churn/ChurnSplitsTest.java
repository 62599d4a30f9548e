package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.model.Splits;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The split of labelled responses: by customer hash, or by time; deterministic either way. */
class ChurnSplitsTest {
  static final SimulatedChurn DATA = new SimulatedChurn(1500, -1.6, 5);
  static final int HORIZON = 90;

  static Dataset<Row> responses() {
    return SharedSpark.get().createDataFrame(DATA.features, SimulatedChurn.FEATURES);
  }

  static ChurnOptions options(String split, long seed, int folds) {
    return new ChurnOptions(
        50,
        split,
        0.25,
        seed,
        0.2,
        "auto",
        folds,
        3,
        50,
        50,
        new ChurnOptions.Logit(0.01, 10),
        new ChurnOptions.Gbt(5, 2, 0.1, 1, 5, 16),
        List.of());
  }

  @Test
  void aCustomersResponsesNeverStraddleTrainAndTest() {
    Dataset<Row> split = Splits.assign(responses(), options("hash", 42, 5), HORIZON);
    long straddling =
        split
            .groupBy(Cols.CUSTOMER_ID)
            .agg(
                countDistinct(col(Splits.PART).equalTo(Splits.TEST)).as("sides"),
                countDistinct(col(Splits.FOLD)).as("folds"),
                countDistinct(col(Splits.HALF)).as("halves"))
            .where(col("sides").gt(1).or(col("folds").gt(1)).or(col("halves").gt(1)))
            .count();
    assertEquals(0, straddling);
    long customers = split.select(Cols.CUSTOMER_ID).distinct().count();
    long test =
        split
            .where(col(Splits.PART).equalTo(Splits.TEST))
            .select(Cols.CUSTOMER_ID)
            .distinct()
            .count();
    assertEquals(0.25, (double) test / customers, 0.04);
    List<Row> folds =
        split.where(col(Splits.FOLD).geq(0)).groupBy(Splits.FOLD).count().collectAsList();
    assertEquals(5, folds.size());
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    List<Row> a =
        Splits.assign(responses(), options("hash", 42, 0), HORIZON)
            .orderBy(Cols.RESPONSE_ID)
            .select(Splits.PART)
            .collectAsList();
    List<Row> b =
        Splits.assign(responses(), options("hash", 42, 0), HORIZON)
            .orderBy(Cols.RESPONSE_ID)
            .select(Splits.PART)
            .collectAsList();
    List<Row> c =
        Splits.assign(responses(), options("hash", 7, 0), HORIZON)
            .orderBy(Cols.RESPONSE_ID)
            .select(Splits.PART)
            .collectAsList();
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void theTimeSplitTrainsOnOlderSurveysAndTestsOnNewer() {
    Dataset<Row> split = Splits.assign(responses(), options("time", 42, 0), HORIZON);
    Row train =
        split.where(col(Splits.PART).notEqual(Splits.TEST)).agg(max(Cols.SUBMITTED_AT)).first();
    Row test =
        split
            .where(col(Splits.PART).equalTo(Splits.TEST))
            .agg(min(Cols.SUBMITTED_AT), org.apache.spark.sql.functions.count("*"))
            .first();
    assertTrue(train.getTimestamp(0).before(test.getTimestamp(0)));
    assertEquals(0.25, (double) test.getLong(1) / DATA.features.size(), 0.01);
  }

  @Test
  void theTimeSplitLeavesAHorizonBeforeTheTestPeriodAndKeepsTestCustomersOut() {
    Dataset<Row> split = Splits.assign(responses(), options("time", 42, 0), HORIZON).cache();
    Dataset<Row> training = split.where(col(Splits.PART).isin(Splits.FIT, Splits.CALIBRATION));
    long lastTrained = micros(training.agg(max(Cols.SUBMITTED_AT)).first());
    long firstTested =
        micros(
            split.where(col(Splits.PART).equalTo(Splits.TEST)).agg(min(Cols.SUBMITTED_AT)).first());
    // A training label's horizon ends before the test period starts.
    assertTrue(
        lastTrained + HORIZON * 86_400_000_000L <= firstTested,
        "a training horizon reaches into the test period");
    Dataset<Row> testCustomers =
        split.where(col(Splits.PART).equalTo(Splits.TEST)).select(Cols.CUSTOMER_ID).distinct();
    assertEquals(0, training.join(testCustomers, Cols.CUSTOMER_ID).count());
    assertTrue(split.where(col(Splits.PART).equalTo(Splits.GAP)).count() > 0);
    assertEquals(
        0,
        split
            .where(col(Splits.PART).equalTo(Splits.GAP).and(col(Splits.FOLD).notEqual(-1)))
            .count());
    split.unpersist();
  }

  private static long micros(Row r) {
    java.sql.Timestamp t = r.getTimestamp(0);
    return t.getTime() * 1000 + (t.getNanos() / 1000) % 1000;
  }
}
