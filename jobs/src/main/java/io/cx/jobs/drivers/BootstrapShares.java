package io.cx.jobs.drivers;

import io.cx.jobs.analytics.stats.BootstrapMoments;
import io.cx.jobs.analytics.stats.DriverImportance;
import io.cx.jobs.analytics.stats.Lmg;
import io.cx.jobs.analytics.stats.PercentileInterval;
import io.cx.jobs.analytics.stats.PsdRepair;
import io.cx.jobs.analytics.stats.RelativeWeights;
import java.util.Arrays;

/**
 * LMG and relative-weight shares of the sample and of every Poisson-bootstrap replicate of one
 * segment and target, from the moments the single pass filled, and their 95 % percentile intervals.
 * Each replicate's matrix is built by the same {@link CorrelationSystem} as the sample's and
 * repaired the same way ({@link PsdRepair#nearestCorrelation}), and sampled LMG (beyond the exact
 * limit) draws its own orderings in each replicate, so an interval covers the whole estimation
 * procedure.
 */
final class BootstrapShares {
  /** Level of the intervals (the contract's 95 %). */
  static final double LEVEL = 0.95;

  /** An interval resting on fewer than this share of the replicates is not published. */
  static final double MIN_USABLE = 0.9;

  /** The odd constant that spreads the replicates' LMG seeds (2^64 over the golden ratio). */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** One method's result: the sample's values and the intervals of its shares. */
  record Fit(DriverImportance sample, PercentileInterval[] intervals) {}

  private final Fit lmg;
  private final Fit relativeWeights;
  private final boolean repaired;
  private final double[][] sampleMatrix;
  private final int replicates;
  private final int unusable;

  private BootstrapShares(
      Fit lmg,
      Fit relativeWeights,
      boolean repaired,
      double[][] sampleMatrix,
      int replicates,
      int unusable) {
    this.lmg = lmg;
    this.relativeWeights = relativeWeights;
    this.repaired = repaired;
    this.sampleMatrix = sampleMatrix;
    this.replicates = replicates;
    this.unusable = unusable;
  }

  /**
   * Computes the asked methods over the sample and all replicates of {@code boot}.
   *
   * @param system which touchpoints enter and how the matrices are built (at least one touchpoint)
   * @param seed seed of sampled LMG (more than {@value Lmg#EXACT_LIMIT} drivers)
   */
  static BootstrapShares compute(
      BootstrapMoments boot,
      CorrelationSystem system,
      boolean withLmg,
      boolean withRelativeWeights,
      long seed) {
    return compute(boot, system, withLmg, withRelativeWeights, seed, Lmg.EXACT_LIMIT);
  }

  /**
   * As {@link #compute(BootstrapMoments, CorrelationSystem, boolean, boolean, long)}, LMG exact up
   * to {@code lmgExactLimit} drivers and sampled beyond. Sampled, the sample's LMG draws its
   * orderings from {@code seed} and replicate r its own from {@link #replicateSeed}: the
   * replicates' spread then holds the orderings' Monte Carlo noise beside the resampling's, so the
   * interval covers the whole estimate, sampling of orderings included.
   */
  static BootstrapShares compute(
      BootstrapMoments boot,
      CorrelationSystem system,
      boolean withLmg,
      boolean withRelativeWeights,
      long seed,
      int lmgExactLimit) {
    double[][] raw = system.matrix(boot.sample());
    double[][] sample = PsdRepair.nearestCorrelation(raw);
    boolean repaired = !Arrays.deepEquals(raw, sample);
    int u = raw.length - 1;
    int b = boot.replicateCount();
    double[][] lmgShares = new double[u][b];
    double[][] rwShares = new double[u][b];
    int unusable = 0;
    for (int r = 1; r <= b; r++) {
      double[][] c = system.matrix(boot.replicate(r));
      if (c == null) {
        unusable++;
        for (int x = 0; x < u; x++) {
          lmgShares[x][r - 1] = Double.NaN;
          rwShares[x][r - 1] = Double.NaN;
        }
        continue;
      }
      double[][] fixed = PsdRepair.nearestCorrelation(c);
      if (withLmg) {
        column(lmgShares, r - 1, lmg(fixed, lmgExactLimit, replicateSeed(seed, r)).share());
      }
      if (withRelativeWeights) {
        column(rwShares, r - 1, RelativeWeights.compute(fixed, 0).share());
      }
    }
    Fit lmgFit = withLmg ? new Fit(lmg(sample, lmgExactLimit, seed), intervals(lmgShares)) : null;
    Fit rwFit =
        withRelativeWeights
            ? new Fit(RelativeWeights.compute(sample, 0), intervals(rwShares))
            : null;
    return new BootstrapShares(lmgFit, rwFit, repaired, sample, b, unusable);
  }

  /**
   * The seed of sampled LMG's orderings in replicate {@code r} (1..B): a different stream per
   * replicate, none equal to the sample's {@code seed}.
   */
  static long replicateSeed(long seed, int r) {
    return seed + GOLDEN * r;
  }

  private static DriverImportance lmg(double[][] corr, int exactLimit, long seed) {
    return Lmg.shares(corr, 0, exactLimit, Lmg.DEFAULT_PERMUTATIONS, seed);
  }

  private static void column(double[][] into, int r, double[] values) {
    for (int x = 0; x < values.length; x++) {
      into[x][r] = values[x];
    }
  }

  private static PercentileInterval[] intervals(double[][] shares) {
    PercentileInterval[] out = new PercentileInterval[shares.length];
    for (int x = 0; x < shares.length; x++) {
      out[x] = PercentileInterval.of(shares[x], LEVEL);
    }
    return out;
  }

  /** LMG, or null when not asked for. */
  Fit lmg() {
    return lmg;
  }

  /** Relative weights, or null when not asked for. */
  Fit relativeWeights() {
    return relativeWeights;
  }

  /** Whether the sample's pairwise matrix was not PSD and had to be repaired. */
  boolean repaired() {
    return repaired;
  }

  /** The sample's matrix over {@code [target, used touchpoints]}, after repair. */
  double[][] sampleMatrix() {
    return sampleMatrix;
  }

  /** Bootstrap replicates drawn. */
  int replicates() {
    return replicates;
  }

  /** Replicates whose matrix was undefined. */
  int unusable() {
    return unusable;
  }

  /** Whether an interval over {@code used} replicates may be published. */
  boolean publishable(PercentileInterval interval) {
    return interval.used() >= MIN_USABLE * replicates;
  }
}
