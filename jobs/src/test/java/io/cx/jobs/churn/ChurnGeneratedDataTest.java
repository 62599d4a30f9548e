package io.cx.jobs.churn;

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
import io.cx.jobs.churn.evaluation.BinaryMetrics;
import io.cx.jobs.churn.evaluation.Reliability;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.fuse.FuseJob;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.generate.Truth;
import io.cx.jobs.ingest.IngestJob;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * End to end on {@code cx generate} data (defaults: 2000 customers, seed 42, up to 2024-06-30):
 * generate, ingest, fuse, churn. The models recover the planted churn: test AUC within 0.05 of the
 * AUC of the planted true probabilities on the same test rows, and the planted churn metrics lead
 * the objective metrics.
 */
class ChurnGeneratedDataTest {
  @TempDir static Path dir;
  static GeneratedData data;
  static Truth truth;
  static JobConfig config;
  static TableIO warehouse;
  static JobResult churn;

  @BeforeAll
  static void generateIngestFuseAndChurn() {
    data = Generator.generate(GeneratorOptions.defaults(dir));
    truth = Truth.read(data.truth());
    config =
        JobConfigLoader.load(
            data.config(),
            List.of(
                "churn.gbt.trees=10",
                "churn.gbt.max_depth=3",
                "churn.gbt.step_size=0.3",
                "churn.logit.max_iter=25",
                "churn.replicates=50"),
            Map.of());
    JobContext ctx = JobContext.of(SharedSpark.get(), config, GeneratorOptions.DEFAULT_END_DATE);
    for (var job : List.of(new IngestJob(), new FuseJob(), new ChurnJob())) {
      JobResult r = JobRunner.run(job, ctx);
      assertEquals(0, r.exitCode(), job.name() + ": " + r.error());
      churn = r;
      ctx = ctx.nextRun();
    }
    warehouse = new TableIO(SharedSpark.get(), config.warehouse());
  }

  static Map<String, Double> testMetrics(String model) {
    return warehouse
        .read(Tables.MODEL_METRICS)
        .where(col(Cols.MODEL).equalTo(model).and(col(Cols.SPLIT).equalTo("test")))
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getAs(Cols.METRIC), r -> r.<Double>getAs(Cols.VALUE)));
  }

  @Test
  void testAucIsWithinFiveHundredthsOfThePlantedProbabilitiesAuc() {
    String chosen = warehouse.read(Tables.CHURN_SCORES).first().getAs(Cols.MODEL);
    Dataset<Row> planted =
        SharedSpark.get()
            .read()
            .option("header", "true")
            .csv(data.churnProbabilities().toString())
            .select(col("response_id"), col("churn_probability").cast("double").as("truth"));
    Dataset<Row> test =
        Splits.assign(
                warehouse
                    .read(Tables.CHURN_LABELS)
                    .where(col(Cols.OBSERVED).equalTo(true))
                    .withColumn(ModelTraining.LABEL, col(Cols.CHURNED).cast("double")),
                config.churn(),
                config.journeys().get(0).churn().horizonDays())
            .where(col(Splits.PART).equalTo(Splits.TEST))
            .join(planted, Cols.RESPONSE_ID);
    List<Row> rows = test.select("truth", ModelTraining.LABEL).collectAsList();
    double[] p = rows.stream().mapToDouble(r -> r.getDouble(0)).toArray();
    double[] y = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    double oracle = BinaryMetrics.of(p, y).auc();
    // On a few hundred rows even the true probabilities show a calibration error (sampling noise
    // in each of the 10 bins): the model is held to that floor plus 0.03, not to a fixed figure.
    double oracleEce = Reliability.of(p, y).ece();
    Map<String, Double> m = testMetrics(chosen);
    LoggerFactory.getLogger(ChurnGeneratedDataTest.class)
        .info(
            "generated data, {} test rows: oracle AUC {}, ECE {}; {} test AUC {}, ECE {}; logit {};"
                + " gbt {}",
            p.length,
            oracle,
            oracleEce,
            chosen,
            m.get("auc"),
            m.get("ece"),
            testMetrics("logit"),
            testMetrics("gbt"));
    assertTrue(p.length > 200, "test rows " + p.length);
    assertTrue(
        Math.abs(m.get("auc") - oracle) <= 0.05, "test AUC " + m.get("auc") + ", oracle " + oracle);
    assertTrue(
        m.get("ece") <= oracleEce + 0.03,
        "ECE " + m.get("ece") + ", planted probabilities' " + oracleEce);
  }

  @Test
  void thePlantedChurnMetricsLeadTheObjectiveMetrics() {
    List<String> expected = truth.churn().expectedMetricOrder();
    for (String method : List.of("logit", "shap_gbt")) {
      List<String> metrics =
          warehouse
              .read(Tables.DRIVER_IMPORTANCE)
              .where(
                  col(Cols.TARGET)
                      .equalTo("churn")
                      .and(col(Cols.METHOD).equalTo(method))
                      .and(col(Cols.SEGMENT).equalTo(Cols.ALL))
                      .and(col(Cols.DRIVER_KIND).equalTo("metric")))
              .orderBy(col(Cols.SHARE).desc())
              .select(Cols.DRIVER)
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      Set<String> top = new HashSet<>(metrics.subList(0, expected.size()));
      assertEquals(new HashSet<>(expected), top, method + ": " + metrics);
    }
    assertTrue(churn.message().contains("scores the customers"), churn.message());
  }
}
