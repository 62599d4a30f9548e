package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.TableIO;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.generate.Truth;
import io.cx.jobs.ingest.IngestJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On {@code cx generate} data (defaults: 2000 customers, seed 42, data up to 2024-06-30), ingested
 * and fused for 2024-06-30, the planted truth is visible in the fuse job's tables.
 */
class FuseGeneratedDataTest {
  @TempDir static Path dir;
  static GeneratedData data;
  static Truth truth;
  static TableIO warehouse;

  @BeforeAll
  static void generateIngestAndFuse() {
    data = Generator.generate(GeneratorOptions.defaults(dir));
    truth = Truth.read(data.truth());
    JobConfig cfg = JobConfigLoader.load(data.config(), List.of(), Map.of());
    JobContext ctx = JobContext.of(TestData.spark(), cfg, GeneratorOptions.DEFAULT_END_DATE);
    JobResult ingest = JobRunner.run(new IngestJob(), ctx);
    assertEquals(0, ingest.exitCode(), ingest.error());
    JobResult fuse = JobRunner.run(new FuseJob(), ctx.nextRun());
    assertEquals(0, fuse.exitCode(), fuse.error());
    warehouse = new TableIO(TestData.spark(), cfg.warehouse());
  }

  /**
   * The delivery score of responses whose max delivery delay in the look-back window lies above the
   * planted threshold is lower by about the planted step, and both sides agree with what the
   * generator measured on its own rows.
   */
  @Test
  void thePlantedDeliveryThresholdIsVisibleInTheStageFacts() {
    Truth.Threshold planted = truth.thresholds().get(0);
    assertEquals("delivery_delay_hours", planted.metric());
    assertEquals("delivery", planted.touchpoint());
    Dataset<Row> delivery =
        warehouse
            .read(Tables.JOURNEY_STAGE_FACTS)
            .where(col("stage").equalTo("delivery"))
            .select(
                filter(col("touchpoints"), t -> t.getField("touchpoint").equalTo("delivery"))
                    .getItem(0)
                    .getField("score")
                    .as("score"),
                filter(col("metrics"), m -> m.getField("metric").equalTo("delivery_delay_hours"))
                    .getItem(0)
                    .getField("value")
                    .as("delay"))
            .where(col("score").isNotNull().and(col("delay").isNotNull()));
    Column above = col("delay").gt(planted.threshold());
    Column atOrBelow = col("delay").leq(planted.threshold());
    Row sides =
        delivery
            .agg(
                avg(when(above, col("score"))).as("above"),
                avg(when(atOrBelow, col("score"))).as("below"),
                count(when(above, 1)).as("n_above"),
                count(when(atOrBelow, 1)).as("n_below"))
            .first();
    double meanAbove = sides.getDouble(0);
    double meanBelow = sides.getDouble(1);
    assertEquals(planted.nAbove(), sides.getLong(2));
    assertEquals(planted.nAtOrBelow(), sides.getLong(3));
    assertEquals(planted.observedMeanAbove(), meanAbove, 1e-3);
    assertEquals(planted.observedMeanAtOrBelow(), meanBelow, 1e-3);
    // The planted step is -1.5 points; noise, rounding to whole points and the scale's ends blur
    // it a little.
    assertEquals(planted.effect(), meanAbove - meanBelow, 0.35, "step " + (meanAbove - meanBelow));
    assertTrue(sides.getLong(2) > 100 && sides.getLong(3) > 100, sides.toString());
  }

  /**
   * The generator stops a churner's events (after account_closed for explicit churn) within 30 days
   * of the survey, and never lets others pause for 60 days. So on every response whose 90-day
   * horizon is observed, the label equals the planted churn, and a churn seen early on an open
   * horizon is always a planted one.
   */
  @Test
  void churnLabelsOfObservedHorizonsAreThePlantedChurn() {
    Dataset<Row> plantedChurn =
        TestData.spark()
            .read()
            .option("header", "true")
            .csv(data.churnProbabilities().toString())
            .select(
                col("response_id"),
                col("churned").equalTo("true").as("planted"),
                col("observed").equalTo("true").as("planted_observed"));
    Dataset<Row> labels = warehouse.read(Tables.CHURN_LABELS).join(plantedChurn, "response_id");
    assertEquals(truth.counts().responses(), labels.count());
    Dataset<Row> observed = labels.where(col("observed").and(col("planted_observed")));
    long n = observed.count();
    assertTrue(n > 500, "observed " + n);
    assertEquals(0, observed.where(col("churned").notEqual(col("planted"))).count());
    assertTrue(observed.where(col("churned")).count() > 20);
    assertEquals(0, labels.where(col("churned").and(col("planted").equalTo(false))).count());
  }
}
