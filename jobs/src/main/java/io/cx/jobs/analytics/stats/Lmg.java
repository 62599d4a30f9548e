package io.cx.jobs.analytics.stats;

import java.util.SplittableRandom;

/**
 * LMG relative importance (Lindeman, Merenda and Gold 1980; relaimpo's {@code lmg}): the Shapley
 * value decomposition of the R² of the linear regression of the target on the drivers, from their
 * correlation matrix.
 *
 * <p>{@code R²(S) = r_Sy' R_SS⁻¹ r_Sy} for a subset S of drivers, and {@code LMG_j = Σ_{S ∌ j}
 * |S|!(p-|S|-1)!/p! · (R²(S ∪ {j}) - R²(S))}. The values are non-negative and sum to the full
 * model's R².
 *
 * <p><b>Exact</b> (default for p ≤ {@value #EXACT_LIMIT}): one depth-first walk over the 2^p
 * subsets computes every R²(S) by extending its parent's Cholesky factor (see {@link
 * SubsetRSquared}; a singular R_SS is handled as by a pseudo-inverse: a driver collinear with the
 * others in S adds nothing), then one pass accumulates the weighted increments. About 75 µs for p =
 * 12, 0.7 ms for p = 15 ({@code bench/drivers}).
 *
 * <p><b>Sampled</b> (p > {@value #EXACT_LIMIT}): the mean marginal contribution over random
 * orderings of the drivers (Castro, Gómez and Tejada 2009), each R² along an ordering by extending
 * a Cholesky factor ({@link IncrementalCholesky}), each ordering drawn with a fixed seed and also
 * walked in reverse (antithetic pairs, which cancel much of the order effect). The standard error
 * of each value is the standard deviation of the pair means over √pairs: the Monte Carlo error of
 * the estimate, which a different seed (other orderings) would move by about that much. Each
 * ordering's increments sum to R² exactly, so the estimates do too and the shares sum to 1.
 */
public final class Lmg {
  /** Largest number of drivers {@link #shares(double[][], int)} computes exactly. */
  public static final int EXACT_LIMIT = 15;

  /** Largest number of drivers {@link #exact} accepts (2^20 subsets, 8 MB of R² values). */
  public static final int EXACT_MAX = 20;

  /** Random orderings drawn by default when sampling (each also walked in reverse). */
  public static final int DEFAULT_PERMUTATIONS = 2000;

  /** Seed of the sampled path by default. */
  public static final long DEFAULT_SEED = 20240611L;

  private static final String METHOD = "LMG";

  private Lmg() {}

  /**
   * LMG of the target (row/column {@code target} of {@code corr}) on all other variables: exact
   * when there are at most {@value #EXACT_LIMIT} drivers, otherwise sampled with {@value
   * #DEFAULT_PERMUTATIONS} antithetic permutation pairs and seed {@value #DEFAULT_SEED}.
   */
  public static DriverImportance shares(double[][] corr, int target) {
    return shares(corr, target, DEFAULT_PERMUTATIONS, DEFAULT_SEED);
  }

  /** As {@link #shares(double[][], int)}, with the sampled path's permutation count and seed. */
  public static DriverImportance shares(double[][] corr, int target, int permutations, long seed) {
    return shares(corr, target, EXACT_LIMIT, permutations, seed);
  }

  /**
   * As {@link #shares(double[][], int, int, long)}, exact up to {@code exactLimit} drivers (at most
   * {@value #EXACT_MAX}) instead of {@value #EXACT_LIMIT}.
   */
  public static DriverImportance shares(
      double[][] corr, int target, int exactLimit, int permutations, long seed) {
    if (exactLimit < 0 || exactLimit > EXACT_MAX) {
      throw new IllegalArgumentException(
          "Cannot compute LMG: the exact limit must be from 0 to "
              + EXACT_MAX
              + " drivers, got "
              + exactLimit);
    }
    return corr.length - 1 <= exactLimit
        ? exact(corr, target)
        : sampled(corr, target, permutations, seed);
  }

  /** Exact LMG by enumerating all 2^p subsets; p ≤ {@value #EXACT_MAX}. */
  public static DriverImportance exact(double[][] corr, int target) {
    DriverSystem s = DriverSystem.of(corr, target, METHOD);
    int p = s.size();
    if (p > EXACT_MAX) {
      throw new IllegalArgumentException(
          "Cannot compute exact LMG for " + p + " drivers (at most " + EXACT_MAX + "): sample it");
    }
    double[] r2 = SubsetRSquared.of(s.rxx(), s.rxy());
    // weight[k] = k!(p-k-1)!/p!, the Shapley weight of a subset of size k not containing j.
    double[] weight = new double[p];
    for (int k = 0; k < p; k++) {
      weight[k] = 1.0 / (p * binomial(p - 1, k));
    }
    double[] importance = new double[p];
    int full = (1 << p) - 1;
    for (int mask = 0; mask < full; mask++) {
      double w = weight[Integer.bitCount(mask)];
      double base = r2[mask];
      int absent = full & ~mask;
      while (absent != 0) {
        int j = Integer.numberOfTrailingZeros(absent);
        absent &= absent - 1;
        importance[j] += w * (r2[mask | (1 << j)] - base);
      }
    }
    return DriverImportance.exact(s.drivers(), importance, r2[full]);
  }

  /**
   * LMG estimated from {@code permutations} random orderings of the drivers (seeded), each also
   * walked in reverse; returns the standard error of every value.
   */
  public static DriverImportance sampled(double[][] corr, int target, int permutations, long seed) {
    if (permutations < 2) {
      throw new IllegalArgumentException(
          "Cannot sample LMG: need at least 2 permutations for an error estimate, got "
              + permutations);
    }
    DriverSystem s = DriverSystem.of(corr, target, METHOD);
    int p = s.size();
    IncrementalCholesky chol = new IncrementalCholesky(s.rxx(), s.rxy());
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[p];
    for (int a = 0; a < p; a++) {
      order[a] = a;
    }
    double[] forward = new double[p];
    double[] backward = new double[p];
    double[] sum = new double[p];
    double[] sumSquares = new double[p];
    for (int m = 0; m < permutations; m++) {
      for (int a = p - 1; a > 0; a--) {
        int b = random.nextInt(a + 1);
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
      }
      walk(chol, order, false, forward);
      walk(chol, order, true, backward);
      for (int a = 0; a < p; a++) {
        double v = 0.5 * (forward[a] + backward[a]);
        sum[a] += v;
        sumSquares[a] += v * v;
      }
    }
    double[] importance = new double[p];
    double[] error = new double[p];
    double total = 0;
    for (int a = 0; a < p; a++) {
      importance[a] = sum[a] / permutations;
      double variance = Math.max(0, (sumSquares[a] - sum[a] * importance[a]) / (permutations - 1));
      error[a] = Math.sqrt(variance / permutations);
      total += importance[a];
    }
    double[] share = DriverImportance.shares(importance, total);
    double[] shareError = new double[p];
    for (int a = 0; a < p; a++) {
      shareError[a] = total > 0 ? error[a] / total : Double.NaN;
    }
    return new DriverImportance(s.drivers(), importance, share, total, false, error, shareError);
  }

  /** Marginal R² increment of each driver when added in {@code order} (or its reverse). */
  private static void walk(
      IncrementalCholesky chol, int[] order, boolean reverse, double[] increment) {
    chol.reset();
    int p = order.length;
    double before = 0;
    for (int t = 0; t < p; t++) {
      int j = order[reverse ? p - 1 - t : t];
      double after = chol.push(j);
      increment[j] = after - before;
      before = after;
    }
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }
}
