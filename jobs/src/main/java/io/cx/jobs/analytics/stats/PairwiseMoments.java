package io.cx.jobs.analytics.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable sufficient statistics of p variables for a pairwise-complete, weighted covariance and
 * correlation: the one accumulator the driver job fills in a single distributed pass.
 *
 * <p>A value of {@link Double#NaN} means missing (a touchpoint the customer did not experience is
 * missing, not zero). For every pair {@code i <= j}, over the rows where both are present, the
 * object keeps the unweighted row count and six weighted sums: {@code Σw}, {@code Σw·x_i}, {@code
 * Σw·x_j}, {@code Σw·x_i²}, {@code Σw·x_j²}, {@code Σw·x_i·x_j}. Each pair therefore has its own
 * means and variances, as in pandas' pairwise-complete {@code DataFrame.corr()}; that is what keeps
 * every pairwise correlation within [-1, 1].
 *
 * <p>The sums are kept about a per-variable shift {@code c_i} (the first value this object saw of
 * variable i), i.e. of {@code x_i - c_i}: the "shifted data" algorithm. It costs nothing per row
 * but avoids the catastrophic cancellation of raw sums when a variable's mean is large against its
 * spread (an objective metric in seconds, say). {@link #merge} re-expresses the other side's sums
 * about this side's shifts exactly.
 *
 * <p>Rows with weight 0 are skipped (they count in no {@code n}); weights must be finite and
 * non-negative, values finite or NaN. Storage: the pairs of the upper triangle (diagonal included)
 * in row order, six doubles per pair in one flat array plus one long count per pair.
 *
 * <p>Not thread-safe; a Spark aggregator keeps one per partition and merges them.
 */
public final class PairwiseMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Doubles stored per pair: Σw, Σw·d_i, Σw·d_j, Σw·d_i², Σw·d_j², Σw·d_i·d_j (d = x - shift). */
  private static final int STRIDE = 6;

  private final int p;
  private final double[] shift;
  private final double[] sums;
  private final long[] counts;
  private transient int[] present;
  private transient double[] dev;

  /** An empty accumulator over {@code p >= 1} variables. */
  public PairwiseMoments(int p) {
    if (p < 1) {
      throw new IllegalArgumentException("Cannot create PairwiseMoments: p must be >= 1, got " + p);
    }
    this.p = p;
    this.shift = new double[p];
    Arrays.fill(shift, Double.NaN);
    int pairs = p * (p + 1) / 2;
    this.sums = new double[pairs * STRIDE];
    this.counts = new long[pairs];
  }

  /** Number of variables. */
  public int size() {
    return p;
  }

  /** Adds one row with weight 1. */
  public void add(double[] x) {
    add(x, 1.0);
  }

  /**
   * Adds one row. {@code x[i]} NaN means variable i is missing in this row; {@code w} is the row's
   * weight (survey weight, times a bootstrap multiplicity); a weight of 0 adds nothing.
   */
  public void add(double[] x, double w) {
    if (x.length != p) {
      throw new IllegalArgumentException(
          "Cannot add row: expected " + p + " values, got " + x.length);
    }
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException(
          "Cannot add row: weight must be finite and >= 0, got " + w);
    }
    if (w == 0) {
      return;
    }
    if (present == null) {
      present = new int[p];
      dev = new double[p];
    }
    int m = 0;
    for (int i = 0; i < p; i++) {
      double v = x[i];
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException("Cannot add row: value " + i + " is infinite");
      }
      if (Double.isNaN(shift[i])) {
        shift[i] = v;
      }
      present[m] = i;
      dev[i] = v - shift[i];
      m++;
    }
    for (int a = 0; a < m; a++) {
      int i = present[a];
      double di = dev[i];
      double wdi = w * di;
      int rowStart = pairIndex(i, i);
      for (int b = a; b < m; b++) {
        int j = present[b];
        double dj = dev[j];
        int k = rowStart + (j - i);
        int o = k * STRIDE;
        counts[k]++;
        sums[o] += w;
        sums[o + 1] += wdi;
        sums[o + 2] += w * dj;
        sums[o + 3] += wdi * di;
        sums[o + 4] += w * dj * dj;
        sums[o + 5] += wdi * dj;
      }
    }
  }

  /** Adds the rows summarised by {@code other} (same number of variables) to this object. */
  public PairwiseMoments merge(PairwiseMoments other) {
    if (other.p != p) {
      throw new IllegalArgumentException(
          "Cannot merge PairwiseMoments of " + other.p + " variables into one of " + p);
    }
    for (int i = 0; i < p; i++) {
      if (Double.isNaN(shift[i])) {
        shift[i] = other.shift[i];
      }
    }
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        int k = pairIndex(i, j);
        if (other.counts[k] == 0) {
          continue;
        }
        int o = k * STRIDE;
        // Other's deviations are about other.shift; d_this = d_other + (other.shift - this.shift).
        double a = other.shift[i] - shift[i];
        double b = other.shift[j] - shift[j];
        double sw = other.sums[o];
        double si = other.sums[o + 1];
        double sj = other.sums[o + 2];
        counts[k] += other.counts[k];
        sums[o] += sw;
        sums[o + 1] += si + a * sw;
        sums[o + 2] += sj + b * sw;
        sums[o + 3] += other.sums[o + 3] + 2 * a * si + a * a * sw;
        sums[o + 4] += other.sums[o + 4] + 2 * b * sj + b * b * sw;
        sums[o + 5] += other.sums[o + 5] + a * sj + b * si + a * b * sw;
      }
    }
    return this;
  }

  /** Rows (unweighted) where both i and j are present; {@code count(i, i)} is i's own count. */
  public long count(int i, int j) {
    return counts[pairIndex(i, j)];
  }

  /** Sum of weights over the rows where both i and j are present. */
  public double weightSum(int i, int j) {
    return sums[pairIndex(i, j) * STRIDE];
  }

  /** Weighted mean of variable i over the rows where it is present; NaN when it never was. */
  public double mean(int i) {
    int o = pairIndex(i, i) * STRIDE;
    return counts[pairIndex(i, i)] == 0 ? Double.NaN : shift[i] + sums[o + 1] / sums[o];
  }

  /**
   * Pairwise-complete weighted covariance matrix. Entry (i, j) is {@code Σw(x_i - m_i)(x_j - m_j) /
   * (Σw · (n-1)/n)} over the rows where both are present, with the pair's own weighted means {@code
   * m_i, m_j} and its row count n: the sample covariance (divisor n-1) when all weights are 1, and
   * Stata's analytic-weight convention otherwise. NaN when a pair has fewer than 2 rows.
   */
  public double[][] covarianceMatrix() {
    double[][] c = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        int k = pairIndex(i, j);
        int o = k * STRIDE;
        long n = counts[k];
        double v;
        if (n < 2) {
          v = Double.NaN;
        } else {
          double sw = sums[o];
          double comoment = sums[o + 5] - sums[o + 1] * sums[o + 2] / sw;
          v = comoment / (sw * (n - 1) / n);
        }
        c[i][j] = v;
        c[j][i] = v;
      }
    }
    return c;
  }

  /**
   * Pairwise-complete weighted correlation matrix: entry (i, j) uses only the rows where both are
   * present, with that pair's own means and variances. NaN when the pair has fewer than 2 rows or
   * either variable is constant over them (the diagonal is 1 unless variable i is constant or has
   * fewer than 2 rows, then NaN).
   */
  public double[][] correlationMatrix() {
    double[][] r = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        int k = pairIndex(i, j);
        int o = k * STRIDE;
        double v = Double.NaN;
        if (counts[k] >= 2) {
          double sw = sums[o];
          double si = sums[o + 1];
          double sj = sums[o + 2];
          double vi = sums[o + 3] - si * si / sw;
          double vj = sums[o + 4] - sj * sj / sw;
          if (vi > 0 && vj > 0) {
            if (i == j) {
              v = 1.0;
            } else {
              double c = (sums[o + 5] - si * sj / sw) / Math.sqrt(vi * vj);
              v = Math.max(-1.0, Math.min(1.0, c));
            }
          }
        }
        r[i][j] = v;
        r[j][i] = v;
      }
    }
    return r;
  }

  private int pairIndex(int i, int j) {
    if (i > j) {
      int t = i;
      i = j;
      j = t;
    }
    if (i < 0 || j >= p) {
      throw new IndexOutOfBoundsException("Variable index out of [0, " + p + "): " + i + ", " + j);
    }
    // Rows of the upper triangle before row i hold p + (p-1) + ... + (p-i+1) pairs.
    return i * p - i * (i - 1) / 2 + (j - i);
  }
}
