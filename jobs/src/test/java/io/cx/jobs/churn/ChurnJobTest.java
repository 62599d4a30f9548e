package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The churn job end to end on simulated data with a planted churn model ({@link SimulatedChurn}):
 * one run shared by the tests, and a second run of the same date for the re-run tests.
 */
class ChurnJobTest {
  @TempDir static Path dir;
  static Workspace ws;
  static JobConfig config;
  static SimulatedChurn data;
  static JobResult first;
  static List<Row> firstMetrics;
  static List<Row> firstScores;
  static List<Row> firstDrivers;
  static List<Row> firstDriverValues;

  /** driver_importance without run_id (which names the run, new each time), sorted. */
  static List<Row> withoutRunId(Dataset<Row> drivers) {
    return sorted(drivers.drop(Cols.RUN_ID), Cols.METHOD, Cols.SEGMENT, Cols.DRIVER);
  }

  static final String SMALL_MODELS =
      "churn: {gbt: {trees: 10, max_depth: 3, step_size: 0.3, min_instances_per_node: 10},"
          + " logit: {max_iter: 25}, replicates: 50}";

  static Workspace workspace(Path root, String churnLine) {
    Workspace w = new Workspace(root);
    w.write("journey.yaml", SimulatedChurn.JOURNEY);
    w.configLine(churnLine);
    return w;
  }

  static JobResult churn(JobConfig cfg) {
    return JobRunner.run(new ChurnJob(), JobContext.of(SharedSpark.get(), cfg, SimulatedChurn.RUN));
  }

  static TableIO io(Workspace w) {
    return new TableIO(SharedSpark.get(), w.warehouse());
  }

  static List<Row> sorted(Dataset<Row> df, String... by) {
    return df.orderBy(by[0], java.util.Arrays.copyOfRange(by, 1, by.length)).collectAsList();
  }

  @BeforeAll
  static void runOnce() {
    ws = workspace(dir, SMALL_MODELS);
    config = ws.load();
    data = new SimulatedChurn(2000, -1.6, 11);
    data.write(ws.warehouse());
    first = churn(config);
    assertEquals("succeeded", first.status(), first.error());
    firstMetrics = sorted(io(ws).read(Tables.MODEL_METRICS), Cols.MODEL, Cols.SPLIT, Cols.METRIC);
    firstScores = sorted(io(ws).read(Tables.CHURN_SCORES), Cols.CUSTOMER_ID);
    firstDrivers =
        sorted(io(ws).read(Tables.DRIVER_IMPORTANCE), Cols.METHOD, Cols.SEGMENT, Cols.DRIVER);
    firstDriverValues = withoutRunId(io(ws).read(Tables.DRIVER_IMPORTANCE));
  }

  static double metric(String model, String split, String metric) {
    return firstMetrics.stream()
        .filter(r -> r.getAs(Cols.MODEL).equals(model))
        .filter(r -> r.getAs(Cols.SPLIT).equals(split))
        .filter(r -> r.getAs(Cols.METRIC).equals(metric))
        .mapToDouble(r -> r.<Double>getAs(Cols.VALUE))
        .findFirst()
        .orElseThrow();
  }

  static String chosen() {
    return firstScores.get(0).getAs(Cols.MODEL);
  }

  static JsonNode sidecar() {
    return ModelStore.sidecar(
        SharedSpark.get(), ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN));
  }

  @Test
  void writesTheFourTablesInTheirContractSchemas() {
    TableIO t = io(ws);
    Map<String, org.apache.spark.sql.types.StructType> expected =
        Map.of(
            Tables.MODEL_METRICS, Schemas.MODEL_METRICS,
            Tables.CHURN_SCORES, Schemas.CHURN_SCORES,
            Tables.DRIVER_IMPORTANCE, Schemas.DRIVER_IMPORTANCE,
            Tables.DRIVER_IMPACT, Schemas.DRIVER_IMPACT);
    expected.forEach(
        (table, schema) -> {
          List<String> written = new ArrayList<>();
          for (StructField f : t.read(table).schema().fields()) {
            written.add(f.name() + ":" + f.dataType().simpleString());
          }
          List<String> want = new ArrayList<>();
          for (StructField f : schema.fields()) {
            want.add(f.name() + ":" + f.dataType().simpleString());
          }
          assertEquals(want, written, table);
        });
    assertEquals(2L, first.inputVersions().size());
    assertTrue(first.rowsWritten() > 0);
    assertTrue(first.message().contains("shop: "), first.message());
  }

  @Test
  void modelMetricsCoverBothModelsTrainAndTestAndEveryMetric() {
    assertEquals(2 * 2 * ModelEvaluation.METRICS.size(), firstMetrics.size());
    for (String model : List.of("logit", "gbt")) {
      for (String split : List.of("train", "test")) {
        assertTrue(metric(model, split, "auc") > 0.65, model + " " + split + " auc");
        assertTrue(metric(model, split, "lift_top_decile") > 1.5, model + " " + split + " lift");
        assertTrue(metric(model, split, "log_loss") < 0.6, model + " " + split + " log loss");
      }
    }
    String best = chosen();
    String other = best.equals("gbt") ? "logit" : "gbt";
    assertTrue(metric(best, "test", "log_loss") <= metric(other, "test", "log_loss"));
  }

  @Test
  void testAucIsWithinFiveHundredthsOfThePlantedProbabilitiesAuc() {
    // The test rows, as the job split them, with their true probabilities.
    Dataset<Row> test =
        Splits.assign(
                io(ws)
                    .read(Tables.CHURN_LABELS)
                    .where(col(Cols.OBSERVED).equalTo(true))
                    .withColumn(ModelTraining.LABEL, col(Cols.CHURNED).cast("double")),
                config.churn())
            .where(col(Splits.PART).equalTo(Splits.TEST));
    List<Row> rows = test.select(Cols.RESPONSE_ID, ModelTraining.LABEL).collectAsList();
    double[] p = rows.stream().mapToDouble(r -> data.probability.get(r.getString(0))).toArray();
    double[] y = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    double oracle = BinaryMetrics.of(p, y).auc();
    double auc = metric(chosen(), "test", "auc");
    LoggerFactory.getLogger(ChurnJobTest.class)
        .info(
            "test rows {}: oracle AUC {}, logit AUC {} ECE {}, gbt AUC {} ECE {}, chosen {}",
            p.length,
            oracle,
            metric("logit", "test", "auc"),
            metric("logit", "test", "ece"),
            metric("gbt", "test", "auc"),
            metric("gbt", "test", "ece"),
            chosen());
    assertTrue(Math.abs(auc - oracle) <= 0.05, "test AUC " + auc + ", oracle " + oracle);
  }

  @Test
  void calibratedProbabilitiesMatchTheKnownOnes() {
    assertTrue(metric(chosen(), "test", "ece") < 0.05, "ECE " + metric(chosen(), "test", "ece"));
    // Scored customers: the mean gap to the planted probability is small.
    double gap = 0;
    for (Row r : firstScores) {
      gap +=
          Math.abs(
              r.<Double>getAs(Cols.CHURN_PROBABILITY)
                  - data.probability.get(r.<String>getAs(Cols.RESPONSE_ID)));
    }
    assertTrue(gap / firstScores.size() < 0.06, "mean |p - truth| " + gap / firstScores.size());
    // The class-weighted logit needed calibration, and it paid on held-out rows.
    JsonNode logit = sidecar().get("calibration").get("logit");
    assertNotEquals("none", logit.get("method").asText());
    JsonNode loss = logit.get("held_out_log_loss");
    assertTrue(loss.get(logit.get("method").asText()).asDouble() < loss.get("none").asDouble());
  }

  @Test
  void plantedDriversRankOnTopForBothMethods() {
    for (String method : List.of("logit", "shap_gbt")) {
      List<Row> rows =
          firstDrivers.stream()
              .filter(r -> r.getAs(Cols.METHOD).equals(method))
              .filter(r -> r.getAs(Cols.SEGMENT).equals(Cols.ALL))
              .sorted(
                  (a, b) ->
                      Double.compare(b.<Double>getAs(Cols.SHARE), a.<Double>getAs(Cols.SHARE)))
              .toList();
      // Touchpoints and metrics only: outcomes, tenure, value and segment are controls.
      assertEquals(
          Set.of("checkout", "delivery", "support", "payment_errors", "delay_hours"),
          rows.stream().map(r -> r.<String>getAs(Cols.DRIVER)).collect(Collectors.toSet()));
      Set<String> top3 =
          rows.subList(0, 3).stream()
              .map(r -> r.<String>getAs(Cols.DRIVER))
              .collect(Collectors.toSet());
      assertEquals(new HashSet<>(SimulatedChurn.PLANTED), top3, method + ": " + rows);
      double total = rows.stream().mapToDouble(r -> r.<Double>getAs(Cols.SHARE)).sum();
      assertEquals(1.0, total, 1e-9, method);
      Map<String, Row> byDriver = new HashMap<>();
      rows.forEach(r -> byDriver.put(r.getAs(Cols.DRIVER), r));
      assertEquals(1, byDriver.get("payment_errors").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals(1, byDriver.get("delay_hours").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals(-1, byDriver.get("delivery").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals("touchpoint", byDriver.get("delivery").getAs(Cols.DRIVER_KIND));
      assertEquals("metric", byDriver.get("delay_hours").getAs(Cols.DRIVER_KIND));
      for (Row r : rows) {
        assertEquals("churn", r.getAs(Cols.TARGET));
        assertEquals("estimated", r.getAs(Cols.STATUS));
        assertEquals(first.runId(), r.getAs(Cols.RUN_ID));
        assertNull(r.getAs(Cols.KANO_CLASS));
        assertTrue(r.<Long>getAs(Cols.N_DRIVER) <= r.<Long>getAs(Cols.N));
        if (method.equals("logit")) {
          double share = r.getAs(Cols.SHARE);
          assertTrue(
              r.<Double>getAs(Cols.CI_LOW) <= share + 1e-12
                  && share <= r.<Double>getAs(Cols.CI_HIGH) + 1e-12,
              r.toString());
          assertEquals(50, r.<Integer>getAs(Cols.CI_REPLICATES));
        } else {
          assertNull(r.getAs(Cols.CI_LOW), "no interval for one fixed model's SHAP values");
          assertNull(r.getAs(Cols.CI_REPLICATES));
        }
      }
      assertTrue(byDriver.get("delivery").getAs(Cols.QUADRANT) != null);
      assertNull(byDriver.get("payment_errors").getAs(Cols.QUADRANT));
      assertNull(byDriver.get("payment_errors").getAs(Cols.PERFORMANCE));
      // Delivery is not answered by everyone; payment errors are never missing.
      assertTrue(
          byDriver.get("delivery").<Long>getAs(Cols.N_DRIVER)
              < byDriver.get("delivery").<Long>getAs(Cols.N));
      assertEquals(
          byDriver.get("payment_errors").<Long>getAs(Cols.N),
          byDriver.get("payment_errors").<Long>getAs(Cols.N_DRIVER));
    }
    // shap_gbt also per segment (consumer and business have enough rows).
    Set<String> segments =
        firstDrivers.stream()
            .filter(r -> r.getAs(Cols.METHOD).equals("shap_gbt"))
            .map(r -> r.<String>getAs(Cols.SEGMENT))
            .collect(Collectors.toSet());
    assertTrue(
        segments.containsAll(List.of(Cols.ALL, "consumer", "business")), segments.toString());
    // The controls' importances are in the sidecar.
    JsonNode all = sidecar().get("importance_all_groups");
    assertTrue(all.get("logit").has("satisfaction") && all.get("shap_gbt").has("tenure"));
  }

  @Test
  void scoresTheLatestResponseOfEveryCustomerNotYetChurned() {
    Map<String, Row> latest = new HashMap<>();
    Set<String> churned = new HashSet<>();
    for (int i = 0; i < data.features.size(); i++) {
      Row f = data.features.get(i);
      Row l = data.labels.get(i);
      String c = f.getString(1);
      if (Boolean.TRUE.equals(l.get(4))) {
        churned.add(c);
      }
      Row prev = latest.get(c);
      if (prev == null || ((java.sql.Timestamp) f.get(2)).after((java.sql.Timestamp) prev.get(2))) {
        latest.put(c, f);
      }
    }
    Set<String> expected = new HashSet<>(latest.keySet());
    expected.removeAll(churned);
    assertEquals(expected.size(), firstScores.size());
    for (Row r : firstScores) {
      String c = r.getAs(Cols.CUSTOMER_ID);
      assertTrue(expected.contains(c), c);
      assertEquals(latest.get(c).getString(0), r.getAs(Cols.RESPONSE_ID));
    }
  }

  @Test
  void revenueAtRiskIsProbabilityTimesAnnualValueAndReproducibleFromTheSavedModel() {
    ChurnScorer scorer =
        ModelStore.load(
            SharedSpark.get(),
            ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN),
            chosen());
    Map<String, Row> byResponse = new HashMap<>();
    data.features.forEach(f -> byResponse.put(f.getString(0), f));
    org.apache.spark.sql.types.StructType schema = SimulatedChurn.FEATURES;
    Vectorizer.Bound bound = scorer.vectorizer().bind(schema);
    int nullValues = 0;
    for (Row r : firstScores) {
      Row f = byResponse.get(r.<String>getAs(Cols.RESPONSE_ID));
      double p = scorer.probability(bound.vector(f));
      assertEquals(p, r.<Double>getAs(Cols.CHURN_PROBABILITY), 0.0, "reloaded model, same p");
      Double value = r.getAs(Cols.ANNUAL_VALUE);
      if (value == null) {
        assertNull(r.getAs(Cols.REVENUE_AT_RISK));
        nullValues++;
      } else {
        assertEquals(p * value, r.<Double>getAs(Cols.REVENUE_AT_RISK), 0.0);
      }
    }
    assertTrue(nullValues > 0, "some customers have no annual value");
    // Hand check of one customer.
    Row one = firstScores.get(0);
    double v =
        one.<Double>getAs(Cols.ANNUAL_VALUE) == null ? 0 : one.<Double>getAs(Cols.ANNUAL_VALUE);
    if (v > 0) {
      assertEquals(
          one.<Double>getAs(Cols.CHURN_PROBABILITY) * v,
          one.<Double>getAs(Cols.REVENUE_AT_RISK),
          1e-9);
    }
  }

  @Test
  void topReasonsAreTheLargestPositiveContributionsMostImportantFirst() {
    ChurnScorer scorer =
        ModelStore.load(
            SharedSpark.get(),
            ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN),
            chosen());
    List<FeatureGroup> groups = scorer.vectorizer().groups();
    ChurnModel.Explainer explainer = scorer.model().explainer(groups);
    List<String> reported =
        groups.stream().filter(FeatureGroup::reported).map(FeatureGroup::id).toList();
    Vectorizer.Bound bound = scorer.vectorizer().bind(SimulatedChurn.FEATURES);
    Map<String, Row> byResponse = new HashMap<>();
    data.features.forEach(f -> byResponse.put(f.getString(0), f));
    int withReasons = 0;
    for (Row r : firstScores.subList(0, 200)) {
      List<String> reasons = r.getList(r.fieldIndex(Cols.TOP_REASONS));
      double[] c =
          explainer.contributions(bound.vector(byResponse.get(r.<String>getAs(Cols.RESPONSE_ID))));
      assertTrue(reasons.size() <= 3);
      double previous = Double.POSITIVE_INFINITY;
      for (String reason : reasons) {
        assertTrue(reported.contains(reason), reason);
        int g = groups.stream().map(FeatureGroup::id).toList().indexOf(reason);
        assertTrue(c[g] > 0 && c[g] <= previous, reason + " in " + reasons);
        previous = c[g];
      }
      long positive =
          java.util.stream.IntStream.range(0, c.length)
              .filter(g -> groups.get(g).reported() && c[g] > 0)
              .count();
      assertEquals(Math.min(3, positive), reasons.size());
      withReasons += reasons.isEmpty() ? 0 : 1;
    }
    assertTrue(withReasons > 100);
  }

  @Test
  void whatIfImprovingDeliveryRaisesSatisfactionAndNpsAndLowersChurn() {
    List<Row> impact =
        io(ws)
            .read(Tables.DRIVER_IMPACT)
            .where(col(Cols.SEGMENT).equalTo(Cols.ALL))
            .collectAsList();
    // 3 touchpoints x 1 scenario x 3 targets.
    assertEquals(9, impact.size());
    Map<String, Row> delivery = new HashMap<>();
    impact.stream()
        .filter(r -> r.getAs(Cols.DRIVER).equals("delivery"))
        .forEach(r -> delivery.put(r.getAs(Cols.TARGET), r));
    Row churn = delivery.get("churn");
    assertEquals("plus_10pct_top2box", churn.getAs(Cols.SCENARIO));
    assertTrue(churn.<Double>getAs(Cols.DELTA) < 0, churn.toString());
    assertTrue(churn.<Double>getAs(Cols.REVENUE_AT_RISK_DELTA) < 0, churn.toString());
    assertEquals(
        churn.<Double>getAs(Cols.BASELINE) + churn.<Double>getAs(Cols.DELTA),
        churn.<Double>getAs(Cols.PREDICTED),
        1e-12);
    assertTrue(delivery.get("satisfaction").<Double>getAs(Cols.DELTA) > 0);
    assertTrue(delivery.get("recommend").<Double>getAs(Cols.DELTA) > 0);
    assertNull(delivery.get("satisfaction").getAs(Cols.REVENUE_AT_RISK_DELTA));
    // Exactly 10 % of the population's delivery answers moved (enough are below the top-2 box).
    long answered =
        firstScores.stream()
            .filter(
                r ->
                    data.features.stream()
                        .anyMatch(
                            f ->
                                f.getString(0).equals(r.getAs(Cols.RESPONSE_ID))
                                    && !f.isNullAt(14)))
            .count();
    assertEquals(0.1 * answered, churn.<Double>getAs(Cols.MOVED), 1e-9);
    assertEquals((long) firstScores.size(), churn.<Long>getAs(Cols.N));
    // The churn baseline is the mean score of the population.
    double mean =
        firstScores.stream()
            .mapToDouble(r -> r.<Double>getAs(Cols.CHURN_PROBABILITY))
            .average()
            .orElseThrow();
    assertEquals(mean, churn.<Double>getAs(Cols.BASELINE), 1e-12);
  }

  @Test
  void sidecarRecordsTheConfigHashAndTheInputVersions() {
    JsonNode s = sidecar();
    assertEquals(config.configHash(), s.get("config_hash").asText());
    assertEquals(
        first.inputVersions().get(Tables.JOURNEY_FEATURES),
        s.get("input_versions").get(Tables.JOURNEY_FEATURES).asLong());
    assertEquals(
        first.inputVersions().get(Tables.CHURN_LABELS),
        s.get("input_versions").get(Tables.CHURN_LABELS).asLong());
    assertEquals(chosen(), s.get("chosen_model").asText());
    assertTrue(
        java.nio.file.Files.isDirectory(
            Path.of(ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN), "gbt")));
    assertTrue(s.get("features").size() > 10);
    assertFalse(s.get("reliability").get(chosen()).get("test").isEmpty());
  }

  @Test
  void aRerunOfTheDateReplacesItsRowsWithTheSameValuesToTheLastDigit() {
    JobResult again = churn(config);
    assertEquals("succeeded", again.status(), again.error());
    TableIO t = io(ws);
    List<Row> metrics = sorted(t.read(Tables.MODEL_METRICS), Cols.MODEL, Cols.SPLIT, Cols.METRIC);
    assertEquals(firstMetrics, metrics, "model_metrics, bit for bit");
    assertEquals(firstScores, sorted(t.read(Tables.CHURN_SCORES), Cols.CUSTOMER_ID));
    assertEquals(firstDriverValues, withoutRunId(t.read(Tables.DRIVER_IMPORTANCE)));
    assertEquals(first.rowsWritten(), again.rowsWritten());
  }
}
