package io.cx.jobs.analytics.stats;

import java.util.Arrays;

/**
 * A bootstrap percentile interval: the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the
 * replicate values (Efron's percentile method), quantiles by linear interpolation between order
 * statistics (R's type 7, numpy's default).
 *
 * <p>NaN replicates are dropped before the quantiles are taken and counted in {@code dropped}: a
 * NaN is a replicate where the statistic does not exist (a pair with no rows, an R² of 0), which
 * says nothing about where its value lies. Dropping them conditions the interval on the statistic
 * existing, which is what the point estimate does too; the caller sees {@code dropped} and should
 * not publish an interval when it is a large part of the replicates. With no valid replicate the
 * interval is (NaN, NaN). Infinite values are kept and ordered like any other.
 *
 * @param low lower bound
 * @param high upper bound
 * @param used replicates the interval was computed from
 * @param dropped NaN replicates left out
 */
public record PercentileInterval(double low, double high, int used, int dropped) {

  /** The percentile interval of {@code replicates} at {@code level} (e.g. 0.95), in (0, 1). */
  public static PercentileInterval of(double[] replicates, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "Cannot compute a percentile interval at level " + level + ": must be in (0, 1)");
    }
    double[] v = Arrays.stream(replicates).filter(x -> !Double.isNaN(x)).sorted().toArray();
    int dropped = replicates.length - v.length;
    if (v.length == 0) {
      return new PercentileInterval(Double.NaN, Double.NaN, 0, dropped);
    }
    double alpha = (1 - level) / 2;
    return new PercentileInterval(quantile(v, alpha), quantile(v, 1 - alpha), v.length, dropped);
  }

  /** Type-7 quantile of sorted values: {@code h = (n-1)q}, interpolate between ⌊h⌋ and ⌈h⌉. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = h - lo;
    return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }

  /** Whether {@code x} lies in the closed interval. */
  public boolean contains(double x) {
    return x >= low && x <= high;
  }
}
