package io.cx.jobs.drivers.thresholds;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds where an operational metric starts to hurt a touchpoint's score: the single threshold
 * {@code t} on the metric {@code x} (e.g. delivery delay in hours) that best separates higher
 * scores {@code y} (touchpoint score, 0..1) at {@code x <= t} from lower scores at {@code x > t},
 * with a p-value that accounts for having searched.
 *
 * <p><b>Candidates.</b> Every distinct observed value of {@code x} from the 5 % to the 95 %
 * quantile, each quantile taken as the lower empirical quantile (the smallest observed {@code x}
 * with at least that share of rows at or below it), so a threshold is always an observed value and
 * "below" means {@code x <= t}. A candidate counts only if it leaves at least {@code minSide} rows
 * on each side. Every observed value, not a grid of quantiles, so that where the threshold falls is
 * known to the data's resolution and its bootstrap interval ({@link ThresholdBootstrap}) can cover
 * a change point that lies between two quantiles.
 *
 * <p><b>Statistic.</b> The pooled two-sample t of {@code mean(y | x <= t) - mean(y | x > t)},
 * signed, so only drops score high. It ranks candidates exactly as the reduction in the sum of
 * squared errors of a one-split regression stump does (the CART criterion), restricted to drops:
 * with {@code z = (mean_below - mean_above) * sqrt(n_below * n_above / n)}, the SSE reduction is
 * {@code z^2} and {@code t = z / sqrt((TSS - z^2) / (n - 2))}, increasing in {@code z} because the
 * total sum of squares TSS is fixed. We chose t over the raw mean difference because it does not
 * favour splits that put a handful of rows on one side; and because TSS does not change when {@code
 * y} is permuted, ranking by {@code z} gives the same split and the same p-value, so the search
 * works with {@code z} and reports t.
 *
 * <p><b>p-value.</b> A permutation test of the maximum statistic: shuffle {@code y} against {@code
 * x} (seeded, so repeatable), take the largest statistic over the same candidates, repeat; {@code p
 * = (1 + #{permutations with max >= observed max}) / (1 + #permutations)}. Because every
 * permutation searches all candidates, the p-value is corrected for the search.
 *
 * <p>Immutable; configure with the {@code with*} methods.
 */
public final class ThresholdFinder implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_MIN_SIDE = 30;
  public static final int DEFAULT_PERMUTATIONS = 999;
  public static final long DEFAULT_SEED = 20_240_601L;

  /** Candidates lie between the quantiles at levels 1 / LEVELS and (LEVELS - 1) / LEVELS. */
  static final int LEVELS = 20;

  /** Relative slack when comparing a permutation's maximum with the observed one. */
  private static final double TIE_TOLERANCE = 1e-12;

  private final int minSide;
  private final int permutations;
  private final long seed;

  /** Defaults: min side 30 rows, 999 permutations, a fixed seed. */
  public ThresholdFinder() {
    this(DEFAULT_MIN_SIDE, DEFAULT_PERMUTATIONS, DEFAULT_SEED);
  }

  private ThresholdFinder(int minSide, int permutations, long seed) {
    if (minSide < 1) {
      throw new IllegalArgumentException("minSide must be at least 1, got " + minSide);
    }
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
    }
    this.minSide = minSide;
    this.permutations = permutations;
    this.seed = seed;
  }

  /** Rows required on each side of a threshold. */
  public ThresholdFinder withMinSide(int minSide) {
    return new ThresholdFinder(minSide, permutations, seed);
  }

  /** Permutations of the p-value's test. */
  public ThresholdFinder withPermutations(int permutations) {
    return new ThresholdFinder(minSide, permutations, seed);
  }

  /** Seed of the permutations. */
  public ThresholdFinder withSeed(long seed) {
    return new ThresholdFinder(minSide, permutations, seed);
  }

  public int minSide() {
    return minSide;
  }

  public int permutations() {
    return permutations;
  }

  public long seed() {
    return seed;
  }

  /**
   * The best threshold of {@code x} for a drop in {@code y}.
   *
   * @param x metric values; finite (rows with a missing value dropped beforehand)
   * @param y scores, same length and order; finite
   */
  public ThresholdResult find(double[] x, double[] y) {
    return find(SortedSample.of(x, y));
  }

  /** The best threshold of a pair sorted by the metric. */
  public ThresholdResult find(SortedSample sample) {
    double[] xs = sample.xs();
    double[] ys = sample.ys();
    int n = xs.length;
    if (n < 2 * minSide) {
      return new ThresholdResult.None(
          ThresholdResult.Reason.TOO_FEW_ROWS,
          n + " rows; a split needs at least " + minSide + " on each side");
    }
    if (xs[0] == xs[n - 1]) {
      return new ThresholdResult.None(ThresholdResult.Reason.CONSTANT_X, "every x equals " + xs[0]);
    }
    int[] cuts = candidateCuts(xs, minSide);
    if (cuts.length == 0) {
      return new ThresholdResult.None(
          ThresholdResult.Reason.NO_BALANCED_SPLIT,
          "no value of x from its 5 % to its 95 % quantile leaves "
              + minSide
              + " rows on each side of "
              + n);
    }

    SplitScan scan = new SplitScan(ys, cuts);
    double[] z = new double[cuts.length];
    scan.statistics(ys, z);
    int best = 0;
    for (int c = 1; c < cuts.length; c++) {
      if (z[c] > z[best]) {
        best = c;
      }
    }
    int nBelow = cuts[best];
    double scoreBelow = scan.sumBelow(ys, best) / nBelow;
    double scoreAbove = (scan.total() - scan.sumBelow(ys, best)) / (n - nBelow);
    if (!(z[best] > 0)) {
      return new ThresholdResult.None(
          ThresholdResult.Reason.NO_DROP,
          "the largest difference of mean score below minus above is "
              + (scoreBelow - scoreAbove)
              + " at x <= "
              + xs[nBelow - 1]);
    }

    double observed = z[best];
    double bar = observed * (1 - TIE_TOLERANCE);
    double[] shuffled = ys.clone();
    SplittableRandom random = new SplittableRandom(seed);
    int atLeast = 0;
    for (int b = 0; b < permutations; b++) {
      shuffle(shuffled, random);
      if (scan.max(shuffled) >= bar) {
        atLeast++;
      }
    }
    double pValue = (1.0 + atLeast) / (1.0 + permutations);
    double residual = scan.totalSumOfSquares() - observed * observed;
    double t = residual > 0 ? observed / Math.sqrt(residual / (n - 2)) : Double.POSITIVE_INFINITY;
    return new ThresholdResult.Found(
        xs[nBelow - 1],
        scoreBelow,
        scoreAbove,
        nBelow,
        n - nBelow,
        t,
        pValue,
        cuts.length,
        permutations);
  }

  /**
   * Candidate splits as row counts below, ascending: for each distinct value {@code v} of the
   * sorted values from the lower empirical quantile at 1/20 to the one at 19/20, the number of
   * values {@code <= v}, kept if both sides have {@code minSide} rows.
   */
  static int[] candidateCuts(double[] sorted, int minSide) {
    int n = sorted.length;
    if (n == 0) {
      return new int[0];
    }
    int from = Math.max(quantileCut(sorted, 1), minSide);
    int to = Math.min(quantileCut(sorted, LEVELS - 1), n - minSide);
    int[] cuts = new int[Math.max(0, to - from + 1)];
    int count = 0;
    for (int cut = from; cut <= to; cut++) {
      if (sorted[cut - 1] != sorted[cut]) {
        cuts[count++] = cut;
      }
    }
    return Arrays.copyOf(cuts, count);
  }

  /** Values {@code <=} the lower empirical quantile at level k / LEVELS. */
  private static int quantileCut(double[] sorted, int k) {
    int n = sorted.length;
    // Lower quantile: the value at 1-based rank ceil(k * n / LEVELS), in integer arithmetic.
    int index = (int) (((long) k * n + LEVELS - 1) / LEVELS) - 1;
    int cut = index + 1;
    while (cut < n && sorted[cut] == sorted[index]) {
      cut++;
    }
    return cut;
  }

  /** Fisher-Yates shuffle of {@code a} in place. */
  static void shuffle(double[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }
}
