package io.cx.jobs.churn.evaluation;

import static io.cx.jobs.testing.CurveAreas.area;
import static io.cx.jobs.testing.CurveAreas.mergeBound;
import static io.cx.jobs.testing.GoldenJson.assertClose;
import static io.cx.jobs.testing.GoldenJson.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * ModelCurves against numpy (curves_golden.py) and by hand, and against the metrics of the same
 * rows: the ROC's trapezoid area is the AUC, the lift curve passes through lift_top_decile, and the
 * calibration points are the reliability table's bins.
 */
class ModelCurvesGoldenTest {
  static final double TOLERANCE = 1e-12;

  static void assertPoints(JsonNode expected, List<ModelCurves.Point> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + " points");
    for (int i = 0; i < actual.size(); i++) {
      double[] e = vector(expected.get(i));
      ModelCurves.Point p = actual.get(i);
      assertClose(e[0], p.x(), TOLERANCE, what + " x " + i);
      assertClose(e[1], p.y(), TOLERANCE, what + " y " + i);
      if (e.length > 2) {
        assertEquals((long) e[2], p.n(), what + " n " + i);
      } else {
        assertNull(p.n(), what + " n " + i);
      }
    }
  }

  @Test
  void everyCurveMatchesNumpyOnEveryCase() {
    for (Map.Entry<String, JsonNode> e :
        GoldenJson.cases("/churn/curves_golden.json", "cases").entrySet()) {
      JsonNode c = e.getValue();
      String name = e.getKey();
      double[] p = vector(c.get("p"));
      double[] y = vector(c.get("y"));
      RankingHistogram h = RankingHistogram.of(p, y);
      ModelCurves curves = ModelCurves.of(h, Reliability.of(p, y));
      assertPoints(c.get("roc"), curves.roc(), name + " roc");
      assertPoints(c.get("roc_20"), ModelCurves.roc(h, 20), name + " roc, 20 segments");
      assertPoints(c.get("lift"), curves.lift(), name + " lift");
      assertPoints(c.get("calibration"), curves.calibration(), name + " calibration");
    }
  }

  @Test
  void theRocAreaIsTheAucAndTheLiftCurvePassesThroughTheTopDecile() {
    for (Map.Entry<String, JsonNode> e :
        GoldenJson.cases("/churn/curves_golden.json", "cases").entrySet()) {
      String name = e.getKey();
      double[] p = vector(e.getValue().get("p"));
      double[] y = vector(e.getValue().get("y"));
      RankingHistogram h = RankingHistogram.of(p, y);
      BinaryMetrics m = BinaryMetrics.of(p, y);
      ModelCurves curves = ModelCurves.of(h, Reliability.of(p, y));
      // One point per distinct score: the area is the AUC to rounding (1e-12 here, 1e-9 asked).
      assertEquals(m.auc(), area(curves.roc()), 1e-12, name + " ROC area");
      assertEquals(e.getValue().get("auc").asDouble(), area(curves.roc()), 1e-12, name);
      // Merged into at most 20 segments: within half the sum of the steps' products.
      List<ModelCurves.Point> merged = ModelCurves.roc(h, 20);
      assertTrue(merged.size() <= 21, name + " at most 20 segments");
      double gap = Math.abs(area(merged) - m.auc());
      assertTrue(gap <= mergeBound(merged) + 1e-12, name + " merged gap " + gap);
      assertEquals(0.1, curves.lift().get(9).x());
      assertEquals(m.liftTopDecile(), curves.lift().get(9).y(), 0.0, name + " lift at 10 %");
    }
  }

  @Test
  void theCalibrationPointsAreTheReliabilityBins() {
    JsonNode c = GoldenJson.load("/churn/curves_golden.json").get("cases").get("continuous");
    double[] p = vector(c.get("p"));
    double[] y = vector(c.get("y"));
    Reliability r = Reliability.of(p, y);
    List<Map<String, Object>> bins = r.rows();
    List<ModelCurves.Point> points = ModelCurves.calibration(r);
    assertEquals(bins.size(), points.size());
    double ece = 0;
    for (int b = 0; b < bins.size(); b++) {
      assertEquals(bins.get(b).get("mean_probability"), points.get(b).x());
      assertEquals(bins.get(b).get("churn_rate"), points.get(b).y());
      assertEquals(bins.get(b).get("n"), points.get(b).n());
      ece += points.get(b).n() * Math.abs(points.get(b).x() - points.get(b).y());
    }
    assertEquals(r.ece(), ece / p.length, 1e-12);
  }

  @Test
  void handCheckedSmallCase() {
    // Scores 0.9 (churner), 0.8 (not), 0.8 (churner), 0.1 (not); 2 churners, 2 not.
    // ROC: (0,0) -> at 0.9 (0, 1/2) -> at 0.8 (1/2, 1) -> at 0.1 (1, 1); trapezoids 0 + 0.375 +
    // 0.5 = 0.875, the AUC (3 pairs ordered right, one tie 1/2, of 4).
    // Lift at 50 % (2 rows): the 0.9 churner and half of the 0.8 pair (1 churner of 2) -> 1.5
    // churners of 2 rows = 0.75 over the base rate 0.5 -> 1.5. At 10 % (0.4 rows): 2.
    double[] p = {0.9, 0.8, 0.8, 0.1};
    double[] y = {1, 0, 1, 0};
    ModelCurves c = ModelCurves.of(RankingHistogram.of(p, y), Reliability.of(p, y));
    assertEquals(
        List.of(
            new ModelCurves.Point(0, 0, 0L),
            new ModelCurves.Point(0, 0.5, 1L),
            new ModelCurves.Point(0.5, 1, 3L),
            new ModelCurves.Point(1, 1, 4L)),
        c.roc());
    assertEquals(0.875, area(c.roc()), 1e-15);
    assertEquals(100, c.lift().size());
    assertEquals(2.0, c.lift().get(9).y(), 1e-15);
    assertEquals(1.5, c.lift().get(49).y(), 1e-15);
    assertEquals(1.0, c.lift().get(99).y(), 1e-15);
    // Four rows, one per tenth: the bins hold 1, 2 (0.8 is one cell) and 1 rows.
    assertEquals(
        List.of(
            new ModelCurves.Point(0.1, 0, 1L),
            new ModelCurves.Point(0.8, 0.5, 2L),
            new ModelCurves.Point(0.9, 1, 1L)),
        c.calibration());
  }

  @Test
  void oneClassHasNoRankingCurves() {
    double[] p = {0.2, 0.4, 0.4};
    double[] y = {0, 0, 0};
    ModelCurves c = ModelCurves.of(RankingHistogram.of(p, y), Reliability.of(p, y));
    assertEquals(List.of(), c.roc());
    assertEquals(List.of(), c.lift());
    assertEquals(2, c.calibration().size());
    double[] churners = {1, 1, 1};
    ModelCurves all = ModelCurves.of(RankingHistogram.of(p, churners), Reliability.of(p, y));
    assertEquals(List.of(), all.roc(), "no non-churner: no false positive rate");
    assertEquals(100, all.lift().size());
  }

  @Test
  void sparkEvaluationGivesTheInMemoryCurves() {
    JsonNode c = GoldenJson.load("/churn/curves_golden.json").get("cases").get("ties");
    double[] p = vector(c.get("p"));
    double[] y = vector(c.get("y"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      rows.add(RowFactory.create(p[i], y[i]));
    }
    StructType schema =
        new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    ProbabilityEvaluation e =
        ProbabilityEvaluation.of(
            SharedSpark.get().createDataFrame(rows, schema).repartition(3), "p", "y");
    ModelCurves expected = ModelCurves.of(RankingHistogram.of(p, y), Reliability.of(p, y));
    assertEquals(expected.roc(), e.curves().roc());
    assertEquals(expected.lift(), e.curves().lift());
    assertPoints(c.get("calibration"), e.curves().calibration(), "spark calibration");
  }
}
