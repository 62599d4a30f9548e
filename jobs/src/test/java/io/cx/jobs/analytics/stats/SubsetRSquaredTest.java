package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SubsetRSquaredTest {

  @Test
  void everySubsetMatchesADirectSolve() {
    double[][] corr = Correlations.random(8, 0.5, new Random(8));
    DriverSystem s = DriverSystem.of(corr, 7, "test");
    double[] r2 = SubsetRSquared.of(s.rxx(), s.rxy());
    assertEquals(0.0, r2[0]);
    for (int mask = 1; mask < r2.length; mask++) {
      assertEquals(direct(corr, mask), r2[mask], 1e-13, "subset " + Integer.toBinaryString(mask));
    }
  }

  @Test
  void agreesWithTheOrderingWalkIncludingCollinearDrivers() {
    // Driver 2 = (driver 0 + driver 1) / √(2 + 2·0.2): singular R_SS for S ⊇ {0, 1, 2}.
    double c = 1 / Math.sqrt(2.4);
    double[][] corr = {
      {1, 0.2, 1.2 * c, 0.1, 0.5},
      {0.2, 1, 1.2 * c, 0.3, 0.3},
      {1.2 * c, 1.2 * c, 1, 0.4 * c, 0.8 * c},
      {0.1, 0.3, 0.4 * c, 1, 0.2},
      {0.5, 0.3, 0.8 * c, 0.2, 1},
    };
    DriverSystem s = DriverSystem.of(corr, 4, "test");
    double[] r2 = SubsetRSquared.of(s.rxx(), s.rxy());
    IncrementalCholesky chol = new IncrementalCholesky(s.rxx(), s.rxy());
    for (int mask = 1; mask < r2.length; mask++) {
      chol.reset();
      double walked = 0;
      // Walk the subset from its highest index down: a different order, the same R².
      for (int j = 3; j >= 0; j--) {
        if ((mask & (1 << j)) != 0) {
          walked = chol.push(j);
        }
      }
      assertEquals(walked, r2[mask], 1e-12, "subset " + Integer.toBinaryString(mask));
    }
    assertEquals(r2[0b011], r2[0b111], 1e-12, "driver 2 adds nothing to drivers 0 and 1");
  }

  /** R² of the drivers in {@code mask} (target last) by solving their own system. */
  private static double direct(double[][] corr, int mask) {
    int t = corr.length - 1;
    int k = Integer.bitCount(mask);
    int[] idx = new int[k + 1];
    for (int j = 0, a = 0; j < t; j++) {
      if ((mask & (1 << j)) != 0) {
        idx[a++] = j;
      }
    }
    idx[k] = t;
    double[][] sub = new double[k + 1][k + 1];
    for (int a = 0; a <= k; a++) {
      for (int b = 0; b <= k; b++) {
        sub[a][b] = corr[idx[a]][idx[b]];
      }
    }
    return Correlations.rSquared(sub, k);
  }
}
