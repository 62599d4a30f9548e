package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.CurrentState;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cx drivers} as the scheduler runs it: Delta in, Delta out, run_log, exit codes. */
class DriversJobTest {
  private static final LocalDate RUN = DriverTestData.RUN_DATE;

  /** 300 responses of the Workspace journey (checkout, delivery), two segments. */
  private static Dataset<Row> features(JobConfig cfg, LocalDate runDate, boolean withDelivery) {
    Random rnd = new Random(3);
    List<Map<String, Object>> responses = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double checkout = rnd.nextInt(5) / 4.0;
      double delivery = rnd.nextInt(5) / 4.0;
      Map<String, Object> r = new HashMap<>();
      r.put(Cols.RESPONSE_ID, "r" + i);
      r.put(Cols.SEGMENT, i % 3 == 0 ? "smb" : "consumer");
      r.put(FeatureNames.touchpoint("checkout"), checkout);
      r.put(FeatureNames.touchpoint("delivery"), i % 7 == 0 ? null : delivery);
      double sat =
          Math.min(
              1, Math.max(0, 0.2 + 0.3 * checkout + 0.4 * delivery + 0.1 * rnd.nextGaussian()));
      r.put(FeatureNames.SATISFACTION, sat);
      r.put(FeatureNames.RECOMMEND, (double) Math.round(10 * sat));
      r.put(FeatureNames.metric("payment_errors"), (double) rnd.nextInt(3));
      r.put(FeatureNames.metric("delay_hours"), rnd.nextDouble() * 48);
      responses.add(r);
    }
    Dataset<Row> df = DriverTestData.features(cfg.journeys().get(0), responses);
    return df.withColumn(Cols.RUN_DATE, org.apache.spark.sql.functions.lit(Date.valueOf(runDate)))
        .drop(withDelivery ? "__none" : FeatureNames.touchpoint("delivery"));
  }

  private static JobConfig config(Workspace ws, String drivers) {
    return ws.configLine(
            "drivers: {replicates: 20, gbt_trees: 5, threshold_permutations: 99" + drivers + "}")
        .load();
  }

  private static JobResult run(JobConfig cfg) {
    return JobRunner.run(new DriversJob(), JobContext.of(SharedSpark.get(), cfg, RUN));
  }

  private static Dataset<Row> churnRow(TableIO io) {
    Row r =
        ImportanceRow.builder("shop", "churn", Cols.ALL, "logit", 300L)
            .driver("checkout", ImportanceRow.TOUCHPOINT)
            .importance(0.1, 1.0)
            .direction(-1)
            .build()
            .toRow("churn-run", RUN);
    return io.spark().createDataFrame(List.of(r), Schemas.DRIVER_IMPORTANCE);
  }

  @Test
  void writesBothTablesAndARerunReplacesOnlyItsOwnRows(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = config(ws, "");
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    CurrentState.rebuild(io, Tables.JOURNEY_FEATURES, features(cfg, RUN, true), List.of("shop"));
    io.replace(
        Tables.DRIVER_IMPORTANCE,
        churnRow(io),
        TableIO.Scope.journeys(RUN, List.of("shop")).and(Cols.TARGET, List.of("churn")));

    JobResult first = run(cfg);
    assertEquals("succeeded", first.status(), first.error());
    assertEquals(0, first.exitCode());
    assertEquals(300, first.rowsRead());
    assertTrue(
        first.message().contains("drivers shop satisfaction: ALL and 2 of 2 segments estimated"),
        first.message());
    assertTrue(first.message().contains("metric_thresholds:"), first.message());
    Dataset<Row> importance = io.read(Tables.DRIVER_IMPORTANCE);
    long ours = importance.where(col(Cols.TARGET).isin("satisfaction", "recommend")).count();
    // 2 targets x 3 segments x (2 touchpoints x 2 linear methods + 4 shap drivers)
    assertEquals(2 * 3 * (2 * 2 + 4), ours);
    assertEquals(first.rowsWritten(), ours + io.read(Tables.METRIC_THRESHOLDS).count());
    assertEquals(2, io.read(Tables.METRIC_THRESHOLDS).count());
    assertEquals(Schemas.DRIVER_IMPORTANCE.asNullable(), importance.schema().asNullable());

    JobResult second = run(cfg);
    assertEquals("succeeded", second.status(), second.error());
    Dataset<Row> after = io.read(Tables.DRIVER_IMPORTANCE);
    assertEquals(ours, after.where(col(Cols.TARGET).isin("satisfaction", "recommend")).count());
    assertEquals(1, after.where(col(Cols.TARGET).equalTo("churn")).count(), "churn rows kept");
    assertEquals(
        second.runId(),
        after
            .where(col(Cols.TARGET).equalTo("satisfaction"))
            .select(Cols.RUN_ID)
            .distinct()
            .first()
            .getString(0));
    assertEquals(2, io.read(Tables.METRIC_THRESHOLDS).count());
    assertEquals(
        Long.valueOf(first.inputVersions().get(Tables.JOURNEY_FEATURES)),
        second.inputVersions().get(Tables.JOURNEY_FEATURES));
  }

  @Test
  void anOverallSampleBelowMinNIsNotEstimatedInAnyMethod(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = config(ws, ", min_n: 500");
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    CurrentState.rebuild(io, Tables.JOURNEY_FEATURES, features(cfg, RUN, true), List.of("shop"));
    JobResult r = run(cfg);
    assertEquals("succeeded", r.status(), r.error());
    List<Row> all =
        io.read(Tables.DRIVER_IMPORTANCE)
            .where(col(Cols.SEGMENT).equalTo(Cols.ALL))
            .collectAsList();
    assertEquals(2, all.size(), all.toString());
    for (Row row : all) {
      assertEquals("none", row.getAs(Cols.METHOD));
      assertEquals("segment_too_small", row.getAs(Cols.STATUS));
      assertTrue(((String) row.getAs(Cols.NOTE)).contains("below drivers.min_n = 500"));
    }
    assertTrue(
        io.read(Tables.DRIVER_IMPORTANCE).where(col(Cols.METHOD).equalTo("shap_gbt")).isEmpty(),
        "no shap_gbt model without an estimable ALL");
    assertTrue(r.message().contains("not ALL, 2 of 2 segments estimated"), r.message());
  }

  @Test
  void noRowsForTheDateIsNothingToDo(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = config(ws, ", window_days: 1");
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    // Every response was submitted on 29 June: outside a window of the one day 30 June.
    CurrentState.rebuild(
        io, Tables.JOURNEY_FEATURES, features(cfg, RUN.minusDays(1), true), List.of("shop"));
    JobResult r = run(cfg);
    assertEquals(4, r.exitCode());
    assertEquals("no_input", r.status());
    assertEquals(
        "no journey_features rows submitted in the 1 days up to 2024-06-30"
            + " (drivers.window_days) for journeys shop; run `cx fuse` for this date first",
        r.error());
  }

  @Test
  void aMissingTouchpointColumnIsRejectedInputNamingIt(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = config(ws, "");
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    CurrentState.rebuild(io, Tables.JOURNEY_FEATURES, features(cfg, RUN, false), List.of("shop"));
    JobResult r = run(cfg);
    assertEquals(3, r.exitCode());
    assertEquals(
        "table journey_features at "
            + io.path(Tables.JOURNEY_FEATURES)
            + " does not match the data contract: no column tp_delivery; run `cx fuse` for this"
            + " date with the current journey maps",
        r.error());
  }

  @Test
  void withoutJourneyFeaturesTheJobNamesTheJobToRunFirst(@TempDir Path dir) {
    JobResult r = run(config(new Workspace(dir), ""));
    assertEquals(4, r.exitCode());
    assertTrue(r.error().contains("run `cx fuse` first"), r.error());
  }
}
