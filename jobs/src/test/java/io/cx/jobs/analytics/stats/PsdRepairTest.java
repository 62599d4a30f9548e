package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PsdRepairTest {

  @Test
  void leavesAPsdMatrixUnchanged() {
    double[][] c = Correlations.random(8, 0.5, new Random(5));
    assertTrue(PsdRepair.isPsd(c));
    double[][] repaired = PsdRepair.nearestCorrelation(c);
    for (int i = 0; i < c.length; i++) {
      assertArrayEquals(c[i], repaired[i], 0.0);
    }
    // A singular (rank-deficient) correlation matrix is PSD too.
    double[][] twins = {{1, 1, 0.2}, {1, 1, 0.2}, {0.2, 0.2, 1}};
    assertArrayEquals(twins[1], PsdRepair.nearestCorrelation(twins)[1], 0.0);
  }

  @Test
  void repairsHighamsExampleToThePublishedNearestMatrix() {
    // Higham (2002), section 4: A = [1 1 0; 1 1 1; 0 1 1] has eigenvalues 1 - √2, 1, 1 + √2; its
    // nearest correlation matrix has off-diagonals 0.7607 (adjacent) and 0.1573 (corners).
    double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};
    assertFalse(PsdRepair.isPsd(a));
    double[][] x = PsdRepair.nearestCorrelation(a);
    assertUnitDiagonalSymmetricPsd(x);
    assertEquals(0.7607, x[0][1], 5e-5);
    assertEquals(0.7607, x[1][2], 5e-5);
    assertEquals(0.1573, x[0][2], 5e-5);
    // Closer in the Frobenius norm than clipping the eigenvalues and rescaling.
    assertTrue(distance(a, x) <= distance(a, clipAndRescale(a)) + 1e-12);
  }

  @Test
  void repairsAPairwiseCompleteLikeMatrix() {
    // Each correlation plausible alone, impossible together (ρ01 = ρ12 = 0.9 forces ρ02 > 0.62).
    double[][] a = {{1, 0.9, -0.2}, {0.9, 1, 0.9}, {-0.2, 0.9, 1}};
    assertFalse(PsdRepair.isPsd(a));
    double[][] x = PsdRepair.nearestCorrelation(a);
    assertUnitDiagonalSymmetricPsd(x);
    // LMG on the repaired matrix is well defined: shares sum to 1, none negative.
    DriverImportance lmg = Lmg.shares(x, 2);
    assertEquals(1.0, LmgTest.sum(lmg.share()), 1e-12);
  }

  @Test
  void rejectsNaN() {
    double[][] a = {{1, Double.NaN}, {Double.NaN, 1}};
    assertThrows(IllegalArgumentException.class, () -> PsdRepair.nearestCorrelation(a));
  }

  private static void assertUnitDiagonalSymmetricPsd(double[][] x) {
    for (int i = 0; i < x.length; i++) {
      assertEquals(1.0, x[i][i], 0.0);
      for (int j = 0; j < x.length; j++) {
        assertEquals(x[i][j], x[j][i], 0.0);
      }
    }
    assertTrue(Spectral.of(x).minValue() >= -PsdRepair.PSD_TOLERANCE);
    assertTrue(PsdRepair.isPsd(x));
  }

  private static double distance(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(s);
  }

  private static double[][] clipAndRescale(double[][] a) {
    double[][] x = Spectral.of(a).apply(v -> Math.max(v, 0));
    double[][] out = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        out[i][j] = x[i][j] / Math.sqrt(x[i][i] * x[j][j]);
      }
    }
    return out;
  }
}
