package io.cx.jobs.report;

import static io.cx.jobs.report.ReportBuilderTest.DATE;
import static io.cx.jobs.report.ReportBuilderTest.section;
import static io.cx.jobs.report.ReportBuilderTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The churn quality section's curves from small model_curves tables: the scoring model's test
 * curves drawn with their reference lines and readings from the points; a missing table or curve
 * said in words.
 */
class ChurnCurveChartsTest {
  private static Map<String, Object> metric(String model, String metric, double value) {
    Map<String, Object> m = new HashMap<>();
    m.put(Cols.JOURNEY, "shop");
    m.put(Cols.MODEL, model);
    m.put(Cols.TARGET, "churn");
    m.put(Cols.SPLIT, "test");
    m.put(Cols.METRIC, metric);
    m.put(Cols.VALUE, value);
    m.put(Cols.N, 150L);
    m.put(Cols.RUN_DATE, DATE);
    return m;
  }

  private static Map<String, Object> point(
      String model, String split, String curve, int i, double x, double y, Long n) {
    Map<String, Object> m = new HashMap<>();
    m.put(Cols.JOURNEY, "shop");
    m.put(Cols.MODEL, model);
    m.put(Cols.TARGET, "churn");
    m.put(Cols.SPLIT, split);
    m.put(Cols.CURVE, curve);
    m.put(Cols.POINT, i);
    m.put(Cols.X, x);
    m.put(Cols.Y, y);
    m.put(Cols.N, n);
    m.put(Cols.RUN_DATE, DATE);
    return m;
  }

  /** gbt scores the customers (churn_scores of ReportBuilderTest); logit ranks better. */
  static ReportTables tables(boolean withCurves, boolean oneClass) {
    ReportTables base = ReportBuilderTest.tables();
    Optional<Dataset<Row>> metrics =
        table(
            Schemas.MODEL_METRICS,
            List.of(
                metric("gbt", "auc", 0.875),
                metric("gbt", "lift_top_decile", 2.9),
                metric("logit", "auc", 0.9)));
    List<Map<String, Object>> points = new ArrayList<>();
    if (!oneClass) {
      double[][] roc = {{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}};
      for (int i = 0; i < roc.length; i++) {
        points.add(point("gbt", "test", "roc", i, roc[i][0], roc[i][1], (long) i));
      }
    }
    double[][] lift = {{0.1, 2.9}, {0.2, 2.4}, {0.3, 2.0}, {1.0, 1.0}};
    for (int i = 0; i < lift.length; i++) {
      points.add(point("gbt", "test", "lift", i, lift[i][0], lift[i][1], null));
    }
    points.add(point("gbt", "test", "calibration", 0, 0.1, 0.12, 100L));
    points.add(point("gbt", "test", "calibration", 1, 0.45, 0.38, 50L));
    // Not drawn: the other model, and the train split.
    points.add(point("logit", "test", "roc", 0, 0, 0, 0L));
    points.add(point("gbt", "train", "calibration", 0, 0.5, 0.9, 10L));
    Optional<Dataset<Row>> curves =
        withCurves ? table(Schemas.MODEL_CURVES, points) : Optional.empty();
    return new ReportTables(
        base.driverImportance(),
        base.metricThresholds(),
        base.driverImpact(),
        base.churnScores(),
        metrics,
        curves,
        base.touchpointKpis(),
        base.runLog(),
        base.rejectedRecords());
  }

  @Test
  void theScoringModelsTestCurvesAreDrawnWithReadingsFromThePoints(@TempDir Path dir)
      throws Exception {
    Report r =
        ReportBuilder.build(
            tables(true, false), ReportBuilderTest.journey(dir, "Delivery"), DATE, false);
    Report.Section s = section(r, "churn-quality");
    assertNull(s.whyEmpty(), s.whyEmpty());
    List<String> ids = s.charts().stream().map(Report.Chart::id).toList();
    assertEquals(List.of("churn-metrics", "churn-roc", "churn-lift", "churn-calibration"), ids);
    Report.Chart roc = s.charts().get(1);
    assertEquals("ROC curve of the gbt model (test customers)", roc.title());
    assertEquals(
        "The gbt model ranks a churner above a non-churner 88 % of the time (test AUC 0.88;"
            + " chance is 50 %).",
        roc.reading());
    assertEquals(
        "The 10 % of customers the gbt model rates riskiest churn 2.9× as often as average; the"
            + " riskiest 30 % hold 60 % of all churners.",
        s.charts().get(2).reading());
    // ECE of the points: (100 x 0.02 + 50 x 0.07) / 150 = 3.7 points.
    assertEquals(
        "Predictions are off by 3.7 points on average (ECE); the largest gap: customers predicted"
            + " at 45 % churned at 38 % (50 customers).",
        s.charts().get(3).reading());
    JsonNode option = new ObjectMapper().readTree(roc.option()).get("baseOption");
    JsonNode series = option.get("series");
    assertEquals(
        "[[0.0,0.0],[0.0,50.0],[50.0,100.0],[100.0,100.0]]", series.get(0).get("data").toString());
    assertEquals("chance (AUC 0.5)", series.get(1).get("name").asText());
    assertEquals("[[0.0,0.0],[100.0,100.0]]", series.get(1).get("data").toString());
    assertEquals(
        "false positive rate: non-churners flagged (%)", option.get("xAxis").get("name").asText());
    assertEquals("churners flagged (%)", option.get("yAxis").get("name").asText());
    JsonNode calibration = new ObjectMapper().readTree(s.charts().get(3).option());
    assertEquals(
        "[[10.0,12.0],[45.0,38.0]]",
        calibration.get("baseOption").get("series").get(0).get("data").toString());
    // Zoomed to 60 %, the smallest multiple of 20 % above the highest point (45 %), both axes.
    assertEquals(60, calibration.get("baseOption").get("xAxis").get("max").asInt());
    assertEquals(60, calibration.get("baseOption").get("yAxis").get("max").asInt());
    assertEquals(
        "[[0.0,0.0],[60.0,60.0]]",
        calibration.get("baseOption").get("series").get(1).get("data").toString());
  }

  @Test
  void aMissingTableOrCurveIsSaidInWords(@TempDir Path dir) {
    Report none =
        ReportBuilder.build(
            tables(false, false), ReportBuilderTest.journey(dir, "Delivery"), DATE, false);
    Report.Section s = section(none, "churn-quality");
    assertEquals(1, s.charts().size(), "the metrics are still drawn");
    assertEquals(
        "ROC, lift and calibration curves are not drawn: the warehouse has no model_curves table"
            + " (written by cx churn since model_curves was added); run cx churn for this date"
            + " again.",
        s.whyEmpty());
    Report oneClass =
        ReportBuilder.build(
            tables(true, true), ReportBuilderTest.journey(dir, "Delivery"), DATE, false);
    Report.Section c = section(oneClass, "churn-quality");
    assertEquals(
        List.of("churn-metrics", "churn-lift", "churn-calibration"),
        c.charts().stream().map(Report.Chart::id).toList());
    assertEquals(
        "No ROC curve: the test customers of the gbt model are of one class only.", c.whyEmpty());
  }

  @Test
  void theAreaUnderTheRocPointsIsTheirAuc() {
    List<double[]> roc =
        List.of(
            new double[] {0, 0}, new double[] {0, 0.5}, new double[] {0.5, 1}, new double[] {1, 1});
    assertEquals(0.875, ChurnCurveCharts.area(roc), 1e-15);
    assertEquals(0.5, ChurnCurveCharts.area(List.of(new double[] {0, 0}, new double[] {1, 1})));
  }
}
