package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.testing.GoldenJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LmgTest {

  @Test
  void matchesBruteForceOverAllOrderingsFromTheRawRows() {
    double[][] corr = Golden.moments(true).correlationMatrix();
    int target = Golden.root().get("target").asInt();
    DriverImportance lmg = Lmg.shares(corr, target);
    assertTrue(lmg.exact());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, lmg.drivers());
    assertClose(
        GoldenJson.vector(Golden.root().get("weighted").get("lmg")), lmg.importance(), "lmg");
    assertClose(Golden.root().get("weighted").get("r2").asDouble(), lmg.rSquared(), "r2");
    assertArrayEquals(new double[5], lmg.importanceError());
    assertArrayEquals(new double[5], lmg.shareError());
  }

  @Test
  void sharesSumToOneAndImportancesToRSquared() {
    double[][] corr = Correlations.random(9, 0.4, new Random(7));
    for (int target = 0; target < corr.length; target += 4) {
      DriverImportance lmg = Lmg.shares(corr, target);
      assertEquals(1.0, sum(lmg.share()), 1e-12);
      assertEquals(lmg.rSquared(), sum(lmg.importance()), 1e-12);
      assertEquals(Correlations.rSquared(corr, target), lmg.rSquared(), 1e-12);
      for (double v : lmg.importance()) {
        assertTrue(v >= -1e-15, "LMG values are non-negative: " + v);
      }
    }
  }

  @Test
  void uncorrelatedDriversGetTheirSquaredCorrelations() {
    double[] r = {0.5, -0.3, 0.2, 0.0, 0.1};
    double[][] corr = Correlations.withTarget(Correlations.identity(5), r);
    DriverImportance lmg = Lmg.shares(corr, 5);
    for (int a = 0; a < r.length; a++) {
      assertEquals(r[a] * r[a], lmg.importance()[a], 1e-15);
    }
    assertEquals(0.39, lmg.rSquared(), 1e-15);
  }

  @Test
  void targetMayBeAnyRow() {
    // The same system with the target first instead of last gives the same values.
    double[][] corr = Golden.moments(true).correlationMatrix();
    int[] order = {5, 0, 1, 2, 3, 4};
    double[][] moved = new double[6][6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        moved[i][j] = corr[order[i]][order[j]];
      }
    }
    DriverImportance last = Lmg.shares(corr, 5);
    DriverImportance first = Lmg.shares(moved, 0);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, first.drivers());
    assertClose(last.importance(), first.importance(), "moved target");
  }

  @Test
  void duplicatedDriverDoesNotCrashAndSplitsEvenly() {
    // Drivers 0 and 1 are the same variable: R_SS is singular for every S holding both.
    double[][] x = {
      {1, 1, 0.3, 0.5},
      {1, 1, 0.3, 0.5},
      {0.3, 0.3, 1, 0.4},
      {0.5, 0.5, 0.4, 1},
    };
    DriverImportance lmg = Lmg.shares(x, 3);
    double[][] single = {{1, 0.3, 0.5}, {0.3, 1, 0.4}, {0.5, 0.4, 1}};
    DriverImportance reference = Lmg.shares(single, 2);
    assertEquals(reference.rSquared(), lmg.rSquared(), 1e-12);
    assertEquals(lmg.importance()[0], lmg.importance()[1], 1e-12);
    assertEquals(1.0, sum(lmg.share()), 1e-12);
  }

  @Test
  void sampledIsWithinThreeStandardErrorsOfExactForFifteenDrivers() {
    assertSampledAgreesWithExact(15, 11);
  }

  @Test
  void sampledIsWithinThreeStandardErrorsOfExactForSeventeenDrivers() {
    double[][] corr = Correlations.random(18, 0.35, new Random(17));
    DriverImportance auto = Lmg.shares(corr, 0);
    assertFalse(auto.exact(), "more than 15 drivers are sampled by default");
    assertSampledAgreesWithExact(17, 17);
  }

  private static void assertSampledAgreesWithExact(int p, long seed) {
    double[][] corr = Correlations.random(p + 1, 0.35, new Random(seed));
    DriverImportance exact = Lmg.exact(corr, 0);
    DriverImportance sampled = Lmg.sampled(corr, 0, 1000, seed);
    assertFalse(sampled.exact());
    assertEquals(1.0, sum(sampled.share()), 1e-12);
    assertEquals(exact.rSquared(), sampled.rSquared(), 1e-12);
    double chiSquare = 0;
    for (int a = 0; a < p; a++) {
      double se = sampled.importanceError()[a];
      assertTrue(se > 0, "a sampled value has a positive standard error");
      double z = (sampled.importance()[a] - exact.importance()[a]) / se;
      assertTrue(Math.abs(z) < 3, "driver " + a + ": " + z + " standard errors from exact");
      assertEquals(se / sampled.rSquared(), sampled.shareError()[a], 1e-15);
      chiSquare += z * z;
    }
    // The errors are honest, not inflated: Σz² ~ χ²(p), whose 0.1 % quantile is above p/6.
    assertTrue(chiSquare > p / 6.0, "standard errors too large: Σz² = " + chiSquare);
  }

  @Test
  void rejectsBadMatrices() {
    double[][] nan = {{1, Double.NaN}, {Double.NaN, 1}};
    assertThrows(IllegalArgumentException.class, () -> Lmg.shares(nan, 0));
    double[][] asymmetric = {{1, 0.2}, {0.3, 1}};
    assertThrows(IllegalArgumentException.class, () -> Lmg.shares(asymmetric, 0));
    assertThrows(IllegalArgumentException.class, () -> Lmg.shares(new double[][] {{1}}, 0));
    assertThrows(IllegalArgumentException.class, () -> Lmg.shares(Correlations.identity(3), 3));
    assertThrows(
        IllegalArgumentException.class, () -> Lmg.sampled(Correlations.identity(3), 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Lmg.exact(Correlations.identity(22), 0));
  }

  @Test
  void noExplainedVarianceGivesNaNShares() {
    DriverImportance lmg = Lmg.shares(Correlations.identity(3), 2);
    assertEquals(0.0, lmg.rSquared());
    assertTrue(Double.isNaN(lmg.share()[0]) && Double.isNaN(lmg.share()[1]));
  }

  @Test
  void resultsAreDeterministicAndCannotBeChanged() {
    double[][] corr = Correlations.random(18, 0.35, new Random(4));
    assertEquals(Lmg.shares(corr, 0), Lmg.shares(corr, 0), "same seed, same estimate");
    assertFalse(Lmg.sampled(corr, 0, 50, 1).equals(Lmg.sampled(corr, 0, 50, 2)), "seed matters");
    DriverImportance lmg = Lmg.shares(Golden.moments(true).correlationMatrix(), 5);
    double first = lmg.share()[0];
    lmg.share()[0] = 42;
    lmg.importance()[0] = 42;
    assertEquals(first, lmg.share()[0]);
    assertTrue(lmg.toString().startsWith("DriverImportance[drivers=[0, 1, 2, 3, 4]"));
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
