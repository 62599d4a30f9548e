package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.cx.jobs.churn.evaluation.ModelCurves;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.testing.CurveAreas;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The churn job end to end through Delta on simulated data with a planted churn model ({@link
 * SimulatedChurn}): what only the job does (the tables in their contract schemas, the saved models
 * and their sidecar, a re-run of the date), on one run shared by the tests and a second run of the
 * same date for the re-run test. What the analysis computes is tested in memory on {@link
 * AnalysedChurn}.
 */
class ChurnJobTest {
  @TempDir static Path dir;
  static Workspace ws;
  static JobConfig config;
  static SimulatedChurn data;
  static JobResult first;
  static List<Row> firstMetrics;
  static List<Row> firstCurves;
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
    firstCurves = curves(io(ws));
    firstScores = sorted(io(ws).read(Tables.CHURN_SCORES), Cols.CUSTOMER_ID);
    firstDrivers =
        sorted(io(ws).read(Tables.DRIVER_IMPORTANCE), Cols.METHOD, Cols.SEGMENT, Cols.DRIVER);
    firstDriverValues = withoutRunId(io(ws).read(Tables.DRIVER_IMPORTANCE));
  }

  static List<Row> curves(TableIO t) {
    return sorted(t.read(Tables.MODEL_CURVES), Cols.MODEL, Cols.SPLIT, Cols.CURVE, Cols.POINT);
  }

  static String chosen() {
    return firstScores.get(0).getAs(Cols.MODEL);
  }

  static JsonNode sidecar() {
    return ModelStore.sidecar(
        SharedSpark.get(), ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN));
  }

  @Test
  void writesTheFiveTablesInTheirContractSchemas() {
    TableIO t = io(ws);
    Map<String, org.apache.spark.sql.types.StructType> expected =
        Map.of(
            Tables.MODEL_METRICS, Schemas.MODEL_METRICS,
            Tables.MODEL_CURVES, Schemas.MODEL_CURVES,
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
    for (Row r : firstDrivers) {
      assertEquals(first.runId(), r.getAs(Cols.RUN_ID));
    }
  }

  @Test
  void revenueAtRiskIsProbabilityTimesAnnualValueAndReproducibleFromTheSavedModel() {
    ChurnPredictor predictor =
        ModelStore.load(
            SharedSpark.get(),
            ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN),
            chosen());
    Map<String, Row> byResponse = new HashMap<>();
    data.features.forEach(f -> byResponse.put(f.getString(0), f));
    org.apache.spark.sql.types.StructType schema = SimulatedChurn.FEATURES;
    Vectorizer.Bound bound = predictor.vectorizer().bind(schema);
    int nullValues = 0;
    for (Row r : firstScores) {
      Row f = byResponse.get(r.<String>getAs(Cols.RESPONSE_ID));
      double p = predictor.probability(bound.vector(f));
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
    Path folder = Path.of(ModelStore.folder(ws.warehouse(), "shop", SimulatedChurn.RUN));
    assertTrue(java.nio.file.Files.isRegularFile(folder.resolve("gbt.json")));
    // The simulated journey's fit rows fit in memory: cx's own trees, whose output is the log-odds.
    assertEquals(1.0, s.get("gbt").get("margin_scale").asDouble());
    assertEquals(
        config.churn().gbt().trees() + 1, s.get("gbt").get("trees").asInt(), "base score + trees");
    assertTrue(s.get("features").size() > 10);
    assertFalse(s.get("reliability").get(chosen()).get("test").isEmpty());
    // The controls' importances are in the sidecar.
    JsonNode all = s.get("importance_all_groups");
    assertTrue(all.get("logit").has("satisfaction") && all.get("shap_gbt").has("tenure"));
  }

  @Test
  void aRerunOfTheDateReplacesItsRowsWithTheSameValuesToTheLastDigit() {
    JobResult again = churn(config);
    assertEquals("succeeded", again.status(), again.error());
    TableIO t = io(ws);
    List<Row> metrics = sorted(t.read(Tables.MODEL_METRICS), Cols.MODEL, Cols.SPLIT, Cols.METRIC);
    assertEquals(firstMetrics, metrics, "model_metrics, bit for bit");
    assertEquals(firstCurves, curves(t), "model_curves, bit for bit");
    assertEquals(firstScores, sorted(t.read(Tables.CHURN_SCORES), Cols.CUSTOMER_ID));
    assertEquals(firstDriverValues, withoutRunId(t.read(Tables.DRIVER_IMPORTANCE)));
    assertEquals(first.rowsWritten(), again.rowsWritten());
  }

  @Test
  void theStoredCurvesAgreeWithTheStoredMetrics() {
    Map<String, List<ModelCurves.Point>> byCurve = new HashMap<>();
    for (Row r : firstCurves) {
      String key =
          r.<String>getAs(Cols.MODEL)
              + "/"
              + r.<String>getAs(Cols.SPLIT)
              + "/"
              + r.<String>getAs(Cols.CURVE);
      List<ModelCurves.Point> points = byCurve.computeIfAbsent(key, k -> new ArrayList<>());
      assertEquals(points.size(), r.<Integer>getAs(Cols.POINT), key + " points in order");
      points.add(new ModelCurves.Point(r.getAs(Cols.X), r.getAs(Cols.Y), r.getAs(Cols.N)));
      assertEquals("churn", r.getAs(Cols.TARGET));
    }
    int exact = 0;
    for (String model : List.of("logit", "gbt")) {
      for (String split : List.of("train", "test")) {
        String key = model + "/" + split + "/";
        List<ModelCurves.Point> roc = byCurve.get(key + "roc");
        double auc = value(model, split, "auc");
        long n = (long) value(model, split, "n");
        double area = CurveAreas.area(roc);
        if (n <= 1000) {
          // At most ModelCurves.ROC_SEGMENTS rows: one point per distinct score, so the area is
          // the stored AUC to rounding.
          assertEquals(auc, area, 1e-9, key + " ROC area");
          exact++;
        } else {
          assertTrue(
              Math.abs(area - auc) <= CurveAreas.mergeBound(roc) + 1e-12,
              key + " merged ROC area " + area + " against AUC " + auc);
        }
        assertEquals(n, roc.get(roc.size() - 1).n(), key + " the ROC ends with every row");
        List<ModelCurves.Point> lift = byCurve.get(key + "lift");
        assertEquals(100, lift.size());
        assertEquals(value(model, split, "lift_top_decile"), lift.get(9).y(), 0.0, key);
        List<ModelCurves.Point> calibration = byCurve.get(key + "calibration");
        long rows = 0;
        double gap = 0;
        for (ModelCurves.Point c : calibration) {
          rows += c.n();
          gap += c.n() * Math.abs(c.x() - c.y());
        }
        assertEquals(n, rows, key + " calibration rows");
        assertEquals(value(model, split, "ece"), gap / n, 1e-12, key + " ECE of the points");
      }
    }
    assertTrue(exact >= 2, "the test split is small enough for an exact ROC");
    assertEquals(12, byCurve.size(), byCurve.keySet().toString());
  }

  /** A stored model_metrics value, or its n for {@code metric} "n". */
  static double value(String model, String split, String metric) {
    for (Row r : firstMetrics) {
      if (model.equals(r.getAs(Cols.MODEL)) && split.equals(r.getAs(Cols.SPLIT))) {
        if (metric.equals("n")) {
          return r.<Long>getAs(Cols.N);
        }
        if (metric.equals(r.getAs(Cols.METRIC))) {
          return r.<Double>getAs(Cols.VALUE);
        }
      }
    }
    throw new AssertionError("no model_metrics row " + model + " " + split + " " + metric);
  }
}
