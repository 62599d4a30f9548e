package io.cx.jobs.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.analytics.stats.BootstrapMoments;
import io.cx.jobs.analytics.stats.DriverImportance;
import io.cx.jobs.analytics.stats.Lmg;
import io.cx.jobs.analytics.stats.PercentileInterval;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sampled LMG in the bootstrap: each replicate draws its own orderings, so the share intervals hold
 * the orderings' Monte Carlo noise. Seen on replicates that are all the sample itself: the only
 * spread left is the orderings', which must then show, about as wide as the published error says.
 * With the same orderings in every replicate the intervals would have no width at all.
 */
class SampledLmgReplicatesTest {
  private static final int TOUCHPOINTS = 6;
  private static final int REPLICATES = 200;

  @Test
  void eachReplicateDrawsItsOwnOrderings() {
    BootstrapMoments boot = sameReplicates();
    CorrelationSystem system = CorrelationSystem.select(boot.sample(), 30);
    assertEquals(TOUCHPOINTS, system.used().length);
    // Six drivers, exact up to three: sampled.
    BootstrapShares sampled = BootstrapShares.compute(boot, system, true, false, 42, 3);
    DriverImportance sample = sampled.lmg().sample();
    assertFalse(sample.exact());
    for (int x = 0; x < TOUCHPOINTS; x++) {
      PercentileInterval ci = sampled.lmg().intervals()[x];
      double se = sample.shareError()[x];
      assertTrue(se > 0, "driver " + x);
      double width = ci.high() - ci.low();
      // Pure Monte Carlo noise: the 95 % interval spans about 2 x 1.96 standard errors.
      double ratio = width / (2 * 1.96 * se);
      assertTrue(ratio > 0.6 && ratio < 1.6, "driver " + x + ": width " + width + ", se " + se);
    }
    // Exact, the same replicates give intervals of no width and no MC error.
    BootstrapShares exact = BootstrapShares.compute(boot, system, true, false, 42);
    for (int x = 0; x < TOUCHPOINTS; x++) {
      PercentileInterval ci = exact.lmg().intervals()[x];
      assertEquals(ci.low(), ci.high(), 1e-12);
      assertEquals(0.0, exact.lmg().sample().shareError()[x]);
    }
  }

  @Test
  void replicateSeedsDifferFromEachOtherAndFromTheSamples() {
    Set<Long> seeds = new HashSet<>();
    seeds.add(42L);
    for (int r = 1; r <= 10_000; r++) {
      assertTrue(seeds.add(BootstrapShares.replicateSeed(42, r)), "replicate " + r);
    }
    assertEquals(
        BootstrapShares.replicateSeed(42, 7), BootstrapShares.replicateSeed(42, 7), "seeded");
  }

  /** Moments over [target, 6 touchpoints] whose every replicate is the sample, unweighted. */
  private static BootstrapMoments sameReplicates() {
    Random rnd = new Random(9);
    BootstrapMoments boot = new BootstrapMoments(TOUCHPOINTS + 1, REPLICATES, 1);
    double[] beta = {0.3, 0.25, 0.2, 0.1, 0.1, 0.05};
    for (int i = 0; i < 500; i++) {
      double[] x = new double[TOUCHPOINTS + 1];
      double common = rnd.nextGaussian();
      double y = 0;
      for (int a = 0; a < TOUCHPOINTS; a++) {
        x[a + 1] = 0.6 * common + rnd.nextGaussian();
        y += beta[a] * x[a + 1];
      }
      x[0] = y + rnd.nextGaussian();
      for (int r = 0; r <= REPLICATES; r++) {
        boot.replicate(r).add(x, 1.0);
      }
    }
    return boot;
  }

  @Test
  void theDefaultExactLimitIsLmgs() {
    BootstrapMoments boot = sameReplicates();
    CorrelationSystem system = CorrelationSystem.select(boot.sample(), 30);
    assertTrue(BootstrapShares.compute(boot, system, true, false, 42).lmg().sample().exact());
    assertTrue(TOUCHPOINTS <= Lmg.EXACT_LIMIT);
  }
}
