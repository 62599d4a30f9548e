package io.cx.jobs.churn.calibration;

import static io.cx.jobs.testing.GoldenJson.assertClose;
import static io.cx.jobs.testing.GoldenJson.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.evaluation.Reliability;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Platt and isotonic calibration against numpy and by hand, the auto choice on simulated margins,
 * and no calibrator that reverses the ranking.
 */
class ChurnCalibrationGoldenTest {
  @Test
  void plattMatchesNumpysNewtonSolution() {
    JsonNode g = GoldenJson.load("/churn/churn_golden.json").get("platt");
    Calibrator.Platt p = PlattFit.fit(vector(g.get("margin")), vector(g.get("y")));
    assertClose(g.get("a").asDouble(), p.a(), 1e-9, "a");
    assertClose(g.get("b").asDouble(), p.b(), 1e-9, "b");
  }

  @Test
  void plattOnMarginsRankedTheWrongWayIsFlatNotReversed() {
    // Churners have the lowest margins. Unconstrained, Platt would fit a < 0 and reverse the
    // ranking; the constrained optimum is a = 0 with sigmoid(b) the mean smoothed target:
    // (2 * 3/4 + 3 * 1/5) / 5 = 0.42, b = ln(0.42 / 0.58) = -0.322773392263051 (by hand).
    double[] m = {-2, -1, 0, 1, 2};
    double[] y = {1, 1, 0, 0, 0};
    Calibrator.Platt p = PlattFit.fit(m, y);
    assertEquals(0.0, p.a(), 0.0);
    assertEquals(-0.322773392263051, p.b(), 1e-12);
    // Optimality on the boundary (KKT): dL/db = 0 and dL/da >= 0 (here 1.65, by hand).
    double[] s = new double[6];
    for (int i = 0; i < m.length; i++) {
      PlattFit.add(s, new PlattFit.Point(p.a(), p.b(), 0.75, 0.2), m[i], y[i], 1.0);
    }
    assertEquals(0.0, s[2], 1e-12);
    assertEquals(1.65, s[1], 1e-12);
  }

  @Test
  void noCalibratorReversesAnAntiCorrelatedModelsRanking() {
    // Held-out margins that rank churners lowest: every candidate, and the auto choice, must give
    // probabilities that never decrease with the margin.
    Dataset<Row> cal = margins(11, -0.8, -0.5, 2000);
    for (String method : List.of("auto", "none", "platt", "isotonic")) {
      Calibrator c = CalibratorSelection.choose(method, cal, "m", "y", "half").calibrator();
      double previous = -1;
      for (double x = -6; x <= 6; x += 0.25) {
        double q = c.probability(x);
        assertTrue(q >= previous, method + " decreases at margin " + x);
        previous = q;
      }
    }
  }

  @Test
  void pavaMatchesTheRepeatedPoolingOfNumpy() {
    JsonNode g = GoldenJson.load("/churn/churn_golden.json").get("pava");
    double[] fitted = Pava.fit(vector(g.get("sum_y")), vector(g.get("weight")));
    assertClose(vector(g.get("fitted")), fitted, 1e-12, "fitted");
    for (int i = 1; i < fitted.length; i++) {
      assertTrue(fitted[i] >= fitted[i - 1], "non-decreasing at " + i);
    }
  }

  @Test
  void isotonicInterpolatesBetweenPointsAndClips() {
    Calibrator.Isotonic c =
        new Calibrator.Isotonic(new double[] {-1, 1}, new double[] {0.0, 0.6}, 0.01, 0.99);
    // At margin 1 -> 0.6; half-way (margin 0) -> 0.3; beyond the ends flat; 0 is clipped to 0.01.
    assertEquals(0.6, c.probability(1.0), 1e-12);
    assertEquals(0.6, c.probability(5.0), 1e-12);
    assertEquals(0.3, c.probability(0.0), 1e-12);
    assertEquals(0.01, c.probability(-10), 1e-12);
  }

  static Dataset<Row> margins(long seed, double slope, double shift, int n) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double m = rnd.nextGaussian() * 2;
      double truth = Calibrator.sigmoid(slope * m + shift);
      rows.add(RowFactory.create(m, rnd.nextDouble() < truth ? 1.0 : 0.0, i % 2));
    }
    StructType schema =
        new StructType()
            .add("m", DataTypes.DoubleType)
            .add("y", DataTypes.DoubleType)
            .add("half", DataTypes.IntegerType);
    return SharedSpark.get().createDataFrame(rows, schema).repartition(2);
  }

  @Test
  void autoCalibratesDistortedMarginsAndTheResultIsCalibrated() {
    // True probability sigmoid(0.5 m - 1): the raw margin is twice too confident and shifted,
    // as a class-weighted logit's would be.
    Dataset<Row> cal = margins(7, 0.5, -1.0, 4000);
    CalibratorSelection.Choice c = CalibratorSelection.choose("auto", cal, "m", "y", "half");
    assertNotEquals("none", c.calibrator().method());
    double none = c.heldOutLogLoss().get("none");
    assertTrue(
        c.heldOutLogLoss().get(c.calibrator().method()) < none, c.heldOutLogLoss().toString());
    // On fresh rows from the same process the calibrated probabilities are reliable.
    Dataset<Row> fresh = margins(8, 0.5, -1.0, 4000);
    double[] p =
        fresh.collectAsList().stream()
            .mapToDouble(r -> c.calibrator().probability(r.getDouble(0)))
            .toArray();
    double[] y = fresh.collectAsList().stream().mapToDouble(r -> r.getDouble(1)).toArray();
    assertTrue(Reliability.of(p, y).ece() < 0.03, "ECE " + Reliability.of(p, y).ece());
    double[] raw =
        fresh.collectAsList().stream()
            .mapToDouble(r -> Calibrator.sigmoid(r.getDouble(0)))
            .toArray();
    assertTrue(Reliability.of(raw, y).ece() > 0.1, "raw ECE " + Reliability.of(raw, y).ece());
  }

  @Test
  void plattOnTheSparkHistogramEqualsPlattOnTheRows() {
    Dataset<Row> cal = margins(9, 0.8, 0.3, 1000);
    Calibrator fromSpark = CalibratorSelection.fit("platt", cal, "m", "y", "half");
    List<Row> rows = cal.collectAsList();
    Calibrator.Platt fromArrays =
        PlattFit.fit(
            rows.stream().mapToDouble(r -> r.getDouble(0)).toArray(),
            rows.stream().mapToDouble(r -> r.getDouble(1)).toArray());
    Calibrator.Platt s = (Calibrator.Platt) fromSpark;
    // The histogram's 1e-4 grid of margins moves the solution by much less than its precision.
    assertEquals(fromArrays.a(), s.a(), 1e-4);
    assertEquals(fromArrays.b(), s.b(), 1e-4);
    assertEquals(0.8, s.a(), 0.15);
  }
}
