package io.cx.jobs.drivers.thresholds;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * One pair's rows in ascending order of the metric {@code x}, with the scores {@code y} and the
 * rows' customers alongside: the form every statistic of the threshold search works on (the split
 * search, the step-versus-line test, the bootstrap), sorted once.
 *
 * @param xs metric values, ascending
 * @param ys scores in the same order
 * @param customers in the same order, a key per row naming its customer (a hash of customer_id):
 *     rows with equal keys are one customer's, which the bootstrap resamples together
 */
public record SortedSample(double[] xs, double[] ys, long[] customers) {

  /** Sorts {@code x} and {@code y} by {@code x}, each row its own customer (key: its index). */
  public static SortedSample of(double[] x, double[] y) {
    return of(x, y, LongStream.range(0, x.length).toArray());
  }

  /**
   * Sorts {@code x}, {@code y} and the rows' customer keys by {@code x}; x and y finite, all three
   * of equal length.
   */
  public static SortedSample of(double[] x, double[] y, long[] customers) {
    check(x, y);
    if (customers.length != x.length) {
      throw new IllegalArgumentException(
          "Cannot search a threshold: x has "
              + x.length
              + " values, customers has "
              + customers.length);
    }
    int n = x.length;
    int[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> x[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    double[] xs = new double[n];
    double[] ys = new double[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      xs[i] = x[order[i]];
      ys[i] = y[order[i]];
      keys[i] = customers[order[i]];
    }
    return new SortedSample(xs, ys, keys);
  }

  public int n() {
    return xs.length;
  }

  /** How many distinct metric values there are. */
  public int distinctX() {
    int count = xs.length == 0 ? 0 : 1;
    for (int i = 1; i < xs.length; i++) {
      count += xs[i] != xs[i - 1] ? 1 : 0;
    }
    return count;
  }

  /** The smallest metric value above {@code t}, or {@code t} when none is. */
  public double nextAbove(double t) {
    int i = Arrays.binarySearch(xs, t);
    int at = i >= 0 ? i : -i - 1;
    while (at < xs.length && xs[at] <= t) {
      at++;
    }
    return at < xs.length ? xs[at] : t;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Cannot search a threshold: x has " + x.length + " values, y has " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "Cannot search a threshold: row "
                + i
                + " has x = "
                + x[i]
                + ", y = "
                + y[i]
                + "; drop rows with missing values first");
      }
    }
  }
}
