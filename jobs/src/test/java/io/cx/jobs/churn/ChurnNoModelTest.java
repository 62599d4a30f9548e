package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobResult;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Too few churners or one class: no model, a clear message, exit 0, and no churn rows for the date
 * (an earlier run's are removed; the drivers job's rows of the same table and date stay).
 */
class ChurnNoModelTest {
  static final Date RUN = Date.valueOf(SimulatedChurn.RUN);

  /** Rows an earlier run (and the drivers job) left for the date. */
  static void earlierRows(TableIO io) {
    var spark = SharedSpark.get();
    io.replace(
        Tables.MODEL_METRICS,
        spark.createDataFrame(
            List.of(RowFactory.create("shop", "gbt", "churn", "test", "auc", 0.7, 10L, RUN)),
            Schemas.MODEL_METRICS),
        TableIO.Scope.date(SimulatedChurn.RUN));
    List<Row> drivers = List.of(driver("churn", "logit"), driver("satisfaction", "lmg"));
    io.replace(
        Tables.DRIVER_IMPORTANCE,
        spark.createDataFrame(drivers, Schemas.DRIVER_IMPORTANCE),
        TableIO.Scope.date(SimulatedChurn.RUN));
    io.replace(
        Tables.CHURN_SCORES,
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "shop",
                    "c1",
                    "r1",
                    "consumer",
                    0.2,
                    10.0,
                    2.0,
                    new String[] {"delivery"},
                    "gbt",
                    java.sql.Timestamp.valueOf("2024-06-01 10:00:00"),
                    java.sql.Timestamp.valueOf("2024-08-30 10:00:00"),
                    RUN)),
            Schemas.CHURN_SCORES),
        TableIO.Scope.date(SimulatedChurn.RUN));
  }

  static Row driver(String target, String method) {
    Object[] v = new Object[Schemas.DRIVER_IMPORTANCE.size()];
    v[0] = "shop";
    v[1] = target;
    v[2] = Cols.ALL;
    v[3] = "delivery";
    v[4] = "touchpoint";
    v[5] = method;
    v[Schemas.DRIVER_IMPORTANCE.fieldIndex(Cols.N)] = 100L;
    v[Schemas.DRIVER_IMPORTANCE.fieldIndex(Cols.STATUS)] = "estimated";
    v[Schemas.DRIVER_IMPORTANCE.fieldIndex(Cols.RUN_ID)] = "earlier-run";
    v[Schemas.DRIVER_IMPORTANCE.fieldIndex(Cols.RUN_DATE)] = RUN;
    return RowFactory.create(v);
  }

  @Test
  void tooFewChurnersRemovesTheChurnRowsOfTheDateAndSucceedsWithAMessage(@TempDir Path dir) {
    Workspace ws = ChurnJobTest.workspace(dir, "churn: {min_churners: 100000}");
    new SimulatedChurn(300, -1.6, 21).write(ws.warehouse());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    earlierRows(io);
    JobResult none = ChurnJobTest.churn(ws.load());
    assertEquals("succeeded", none.status(), none.error());
    assertEquals(0, none.exitCode());
    assertTrue(none.message().contains("shop: no churn model: "), none.message());
    assertTrue(none.message().contains("fewer than churn.min_churners (100000)"), none.message());
    for (String table : List.of(Tables.MODEL_METRICS, Tables.CHURN_SCORES, Tables.DRIVER_IMPACT)) {
      assertEquals(0, io.read(table).count(), table);
    }
    assertEquals(0, io.read(Tables.MODEL_CURVES).count(), "no model, no curves");
    List<Row> left = io.read(Tables.DRIVER_IMPORTANCE).orderBy(Cols.TARGET).collectAsList();
    assertEquals(2, left.size(), left.toString());
    // The churn row says why there is no estimate, as the drivers job's "none" rows do.
    Row status = left.get(0);
    assertEquals("churn", status.getAs(Cols.TARGET));
    assertEquals("none", status.getAs(Cols.METHOD));
    assertNull(status.getAs(Cols.DRIVER));
    assertEquals("too_few_churners", status.getAs(Cols.STATUS));
    assertTrue(status.<String>getAs(Cols.NOTE).contains("fewer than churn.min_churners"));
    assertEquals(none.runId(), status.getAs(Cols.RUN_ID));
    assertEquals("satisfaction", left.get(1).getAs(Cols.TARGET), "the drivers job's row stays");
    assertEquals(1, none.rowsWritten());
  }

  @Test
  void oneClassOnlyGivesNoModel(@TempDir Path dir) {
    Workspace ws = ChurnJobTest.workspace(dir, "");
    new SimulatedChurn(300, -40, 22).write(ws.warehouse());
    JobResult r = ChurnJobTest.churn(ws.load());
    assertEquals("succeeded", r.status(), r.error());
    assertTrue(
        r.message().contains("shop: no churn model: none of the ")
            && r.message().contains("observed responses is a churner (one class only)"),
        r.message());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    assertEquals(0, io.read(Tables.MODEL_METRICS).where(col(Cols.TARGET).equalTo("churn")).count());
    assertEquals("one_class", io.read(Tables.DRIVER_IMPORTANCE).first().getAs(Cols.STATUS));
  }

  @Test
  void missingInputsExitWithFour(@TempDir Path dir) {
    Workspace ws = ChurnJobTest.workspace(dir, "");
    JobResult r = ChurnJobTest.churn(ws.load());
    assertEquals(4, r.exitCode());
    assertEquals(
        "table journey_features does not exist at "
            + new TableIO(SharedSpark.get(), ws.warehouse()).path(Tables.JOURNEY_FEATURES)
            + "; run `cx fuse` first",
        r.error());
  }

  /** Replaces a Delta table, schema included. */
  private static void overwrite(Dataset<Row> rows, String path) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy(Cols.JOURNEY)
        .save(path);
  }

  @Test
  void inputTablesThatBreakTheContractAreRejectedInputNamingThem(@TempDir Path dir) {
    Workspace ws = ChurnJobTest.workspace(dir, "");
    SimulatedChurn sim = new SimulatedChurn(50, -1.6, 21);
    sim.write(ws.warehouse());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    overwrite(sim.labelFrame().drop(Cols.CHURNED), io.path(Tables.CHURN_LABELS));
    JobResult labels = ChurnJobTest.churn(ws.load());
    assertEquals(3, labels.exitCode());
    assertEquals(
        "table churn_labels at "
            + io.path(Tables.CHURN_LABELS)
            + " does not match the data contract: no column churned; it was not written by this"
            + " version of `cx fuse`; re-run `cx fuse` for its dates",
        labels.error());

    overwrite(sim.labelFrame(), io.path(Tables.CHURN_LABELS));
    overwrite(sim.featureFrame().drop("tp_delivery"), io.path(Tables.JOURNEY_FEATURES));
    JobResult features = ChurnJobTest.churn(ws.load());
    assertEquals(3, features.exitCode());
    assertEquals(
        "table journey_features at "
            + io.path(Tables.JOURNEY_FEATURES)
            + " does not match the data contract: no column tp_delivery; run `cx fuse` for this"
            + " date with the current journey maps",
        features.error());
  }
}
