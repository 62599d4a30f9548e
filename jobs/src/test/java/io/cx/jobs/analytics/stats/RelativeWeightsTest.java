package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.testing.GoldenJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RelativeWeightsTest {

  @Test
  void matchesNumpyFromTheRawRows() {
    double[][] corr = Golden.moments(true).correlationMatrix();
    DriverImportance rw = RelativeWeights.compute(corr, Golden.root().get("target").asInt());
    assertClose(
        GoldenJson.vector(Golden.root().get("weighted").get("relative_weights")),
        rw.importance(),
        "relative weights");
    assertClose(Golden.root().get("weighted").get("r2").asDouble(), rw.rSquared(), "r2");
    assertTrue(rw.exact());
  }

  @Test
  void weightsSumToRSquaredAndSharesToOne() {
    double[][] corr = Correlations.random(10, 0.45, new Random(3));
    DriverImportance rw = RelativeWeights.compute(corr, 4);
    assertEquals(Correlations.rSquared(corr, 4), rw.rSquared(), 1e-12);
    assertEquals(1.0, LmgTest.sum(rw.share()), 1e-12);
    for (double v : rw.importance()) {
      assertTrue(v >= 0);
    }
  }

  @Test
  void uncorrelatedDriversGetTheirSquaredCorrelations() {
    double[] r = {0.5, -0.3, 0.2};
    DriverImportance rw =
        RelativeWeights.compute(Correlations.withTarget(Correlations.identity(3), r), 3);
    for (int a = 0; a < 3; a++) {
      assertEquals(r[a] * r[a], rw.importance()[a], 1e-14);
    }
  }

  @Test
  void closeToLmgOnCorrelatedDrivers() {
    // Not equal by construction, but for moderately correlated drivers within a few points.
    double[][] corr = Golden.moments(true).correlationMatrix();
    DriverImportance rw = RelativeWeights.compute(corr, 5);
    DriverImportance lmg = Lmg.shares(corr, 5);
    for (int a = 0; a < 5; a++) {
      assertEquals(lmg.share()[a], rw.share()[a], 0.02);
    }
  }

  @Test
  void singularDriverMatrixIsHandledByThePseudoInverse() {
    double[][] x = {
      {1, 1, 0.3, 0.5},
      {1, 1, 0.3, 0.5},
      {0.3, 0.3, 1, 0.4},
      {0.5, 0.5, 0.4, 1},
    };
    DriverImportance rw = RelativeWeights.compute(x, 3);
    double[][] single = {{1, 0.3, 0.5}, {0.3, 1, 0.4}, {0.5, 0.4, 1}};
    assertEquals(Correlations.rSquared(single, 2), rw.rSquared(), 1e-10);
    assertEquals(rw.importance()[0], rw.importance()[1], 1e-10);
  }
}
