package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sampled LMG beyond the exact limit: the standard error it publishes is its Monte Carlo error, the
 * spread its shares would show over other orderings (other seeds), and the sampled shares sit
 * within a few of those errors of the exact ones. Checked at p = 10, forced to sample by a lower
 * exact limit, against the exact shares of the same matrix.
 */
class LmgSamplingErrorTest {
  private static final int P = 10;
  private static final int SEEDS = 300;
  private static final int PERMUTATIONS = 200;

  @Test
  void thePublishedErrorIsTheSpreadOverSeedsAndTheSharesAgreeWithExact() {
    double[][] corr = Correlations.random(P + 1, 0.35, new Random(23));
    DriverImportance exact = Lmg.exact(corr, 0);
    double[] sum = new double[P];
    double[] sumSquares = new double[P];
    double[] meanSe = new double[P];
    double zSquares = 0;
    int outside = 0;
    for (int s = 0; s < SEEDS; s++) {
      DriverImportance d = Lmg.shares(corr, 0, 5, PERMUTATIONS, 1000 + s);
      assertFalse(d.exact(), "more drivers than the exact limit: sampled");
      for (int a = 0; a < P; a++) {
        double share = d.share()[a];
        double se = d.shareError()[a];
        assertTrue(se > 0, "driver " + a + " has a positive MC error");
        double z = (share - exact.share()[a]) / se;
        outside += Math.abs(z) > 1.96 ? 1 : 0;
        zSquares += z * z;
        sum[a] += share;
        sumSquares[a] += share * share;
        meanSe[a] += se / SEEDS;
      }
    }
    // E z² = 1 when the errors are honest (neither inflated nor too small).
    double meanZSquare = zSquares / (SEEDS * P);
    assertEquals(1.0, meanZSquare, 0.15, "mean z² over seeds and drivers");
    // And about 5 % of the sampled shares are more than 1.96 errors from exact.
    assertEquals(0.05, outside / (double) (SEEDS * P), 0.015, "share beyond 1.96 errors");
    for (int a = 0; a < P; a++) {
      double mean = sum[a] / SEEDS;
      double empirical = Math.sqrt((sumSquares[a] - SEEDS * mean * mean) / (SEEDS - 1));
      // Over 300 seeds the empirical standard deviation is known to about 4 %.
      assertEquals(1.0, meanSe[a] / empirical, 0.2, "driver " + a + " published/empirical se");
      // And the mean over seeds is the exact share, to a few errors of the mean.
      assertEquals(exact.share()[a], mean, 4 * empirical / Math.sqrt(SEEDS), "driver " + a);
    }
  }

  @Test
  void exactSharesHaveNoError() {
    double[][] corr = Correlations.random(P + 1, 0.35, new Random(23));
    DriverImportance d = Lmg.shares(corr, 0, P, PERMUTATIONS, 1);
    assertTrue(d.exact());
    assertEquals(Lmg.exact(corr, 0), d);
  }

  @Test
  void theExactLimitIsChecked() {
    double[][] corr = Correlations.random(4, 0.35, new Random(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Lmg.shares(corr, 0, 21, 10, 1));
    assertEquals(
        "Cannot compute LMG: the exact limit must be from 0 to 20 drivers, got 21", e.getMessage());
  }
}
