package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.fuse.FuseJob;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.generate.Truth;
import io.cx.jobs.ingest.IngestJob;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end on {@code cx generate} data (defaults: 2000 customers, seed 42):
 * generate, ingest, fuse, drivers for 2024-06-30; the drivers and the threshold that the generator
 * planted come out of driver_importance and metric_thresholds.
 */
class DriversGeneratedDataTest {
  @TempDir static Path dir;
  static Truth truth;
  static TableIO warehouse;
  static JobResult drivers;

  @BeforeAll
  static void generateIngestFuseAndDrivers() {
    GeneratedData data = Generator.generate(GeneratorOptions.defaults(dir));
    truth = Truth.read(data.truth());
    JobConfig cfg = JobConfigLoader.load(data.config(), List.of("drivers.gbt_trees=30"), Map.of());
    JobContext ctx = JobContext.of(SharedSpark.get(), cfg, GeneratorOptions.DEFAULT_END_DATE);
    JobResult ingest = JobRunner.run(new IngestJob(), ctx);
    assertEquals(0, ingest.exitCode(), ingest.error());
    ctx = ctx.nextRun();
    JobResult fuse = JobRunner.run(new FuseJob(), ctx);
    assertEquals(0, fuse.exitCode(), fuse.error());
    drivers = JobRunner.run(new DriversJob(), ctx.nextRun());
    assertEquals(0, drivers.exitCode(), drivers.error());
    warehouse = new TableIO(SharedSpark.get(), cfg.warehouse());
  }

  /** The touchpoints of one target, segment and method, largest share first. */
  private static List<String> order(String target, String segment, String method) {
    return warehouse
        .read(Tables.DRIVER_IMPORTANCE)
        .where(
            col(Cols.TARGET)
                .equalTo(target)
                .and(col(Cols.SEGMENT).equalTo(segment))
                .and(col(Cols.METHOD).equalTo(method))
                .and(col(Cols.DRIVER_KIND).equalTo("touchpoint")))
        .collectAsList()
        .stream()
        .sorted(Comparator.comparingDouble((Row r) -> -r.<Double>getAs(Cols.SHARE)))
        .map(r -> r.<String>getAs(Cols.DRIVER))
        .toList();
  }

  @Test
  void thePlantedDriversComeOutInThePlantedOrder() {
    List<String> planted = truth.satisfaction().expectedOrder();
    assertEquals(planted, order("satisfaction", Cols.ALL, "lmg"), "lmg, satisfaction");
    assertEquals(planted, order("satisfaction", Cols.ALL, "relative_weight"), "rw, satisfaction");
    assertEquals(
        truth.recommend().expectedOrder(), order("recommend", Cols.ALL, "lmg"), "lmg, nps");
    truth
        .satisfaction()
        .segmentExpectedOrder()
        .forEach(
            (segment, expected) ->
                assertEquals(expected, order("satisfaction", segment, "lmg"), segment));
  }

  @Test
  void thePlantedDeliveryThresholdIsFoundWithinTwentyPercent() {
    Truth.Threshold planted = truth.thresholds().get(0);
    Row row =
        warehouse
            .read(Tables.METRIC_THRESHOLDS)
            .where(
                col(Cols.METRIC)
                    .equalTo(planted.metric())
                    .and(col(Cols.TOUCHPOINT).equalTo(planted.touchpoint())))
            .first();
    assertEquals("found", row.getAs(Cols.STATUS), row.toString());
    double threshold = row.getAs(Cols.THRESHOLD);
    assertTrue(
        Math.abs(threshold - planted.threshold()) <= 0.2 * planted.threshold(),
        "found " + threshold + ", planted " + planted.threshold());
    assertTrue(row.<Double>getAs(Cols.P_VALUE) <= 0.01, row.toString());
    assertEquals("step", row.getAs(Cols.SHAPE), row.toString());
    assertTrue(
        row.<Double>getAs(Cols.THRESHOLD_LO) <= planted.threshold()
            && planted.threshold() < row.<Double>getAs(Cols.THRESHOLD_HI),
        row.toString());
    assertTrue(row.<Double>getAs(Cols.SCORE_BELOW) > row.<Double>getAs(Cols.SCORE_ABOVE));
  }

  @Test
  void perUnitEffectsAreDeclinesWithoutATippingPoint() {
    int checked = 0;
    for (Map.Entry<String, Truth.TouchpointModel> tp : truth.touchpoints().entrySet()) {
      for (Truth.Effect e : tp.getValue().effects()) {
        if (!e.kind().equals("per_unit")) {
          continue;
        }
        Row row =
            warehouse
                .read(Tables.METRIC_THRESHOLDS)
                .where(
                    col(Cols.METRIC)
                        .equalTo(e.metric())
                        .and(col(Cols.TOUCHPOINT).equalTo(tp.getKey())))
                .first();
        assertTrue(!"found".equals(row.getAs(Cols.STATUS)), row.toString());
        assertTrue(row.isNullAt(row.fieldIndex(Cols.THRESHOLD)), row.toString());
        checked++;
      }
    }
    assertEquals(3, checked, "search, checkout and support fall per unit of their metric");
  }

  @Test
  void nullMetricsDoNotGetAThreshold() {
    for (Row r :
        warehouse
            .read(Tables.METRIC_THRESHOLDS)
            .where(col(Cols.METRIC).isin(truth.nullMetrics().toArray()))
            .collectAsList()) {
      assertTrue(r.isNullAt(r.fieldIndex(Cols.THRESHOLD)), r.toString());
    }
  }
}
