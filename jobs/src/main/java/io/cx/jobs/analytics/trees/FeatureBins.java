package io.cx.jobs.analytics.trees;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The training set's features replaced by bin numbers, one {@code short[]} column per feature, and
 * the thresholds that turn a split between bins back into a split on values.
 *
 * <p><b>Continuous feature</b>, from its non-NaN values {@code s} (sorted, with repeats, {@code n}
 * of them; -0.0 counts as 0.0) and their distinct values {@code d_0 < ... < d_(m-1)}:
 *
 * <ul>
 *   <li>the upper edges: every distinct value but the largest if {@code m <= maxBins}; otherwise
 *       the quantiles {@code s[ceil(k n / maxBins) - 1]} for {@code k = 1 .. maxBins-1}, unweighted
 *       (the bins describe where the rows lie; weights act only through the gradients), without
 *       repeats and without {@code d_(m-1)}. So at most {@code maxBins} bins, each edge a value
 *       that occurs;
 *   <li>the threshold of an edge {@code e} is the midpoint {@code (e + e') / 2} with {@code e'} the
 *       next larger value that occurs (or {@code e} itself if rounding puts the midpoint at {@code
 *       e'}), as MLlib does; the last bin's threshold is {@code d_(m-1)};
 *   <li>a value's bin is the first {@code t} with {@code x <= threshold[t]}; NaN has its own bin
 *       after the others.
 * </ul>
 *
 * Bins are assigned with the same comparison {@code TreeEnsemble} makes, so the split "bin {@code
 * <= t}" sends exactly the training rows left that {@code x <= threshold[t]} does, NaN right.
 *
 * <p><b>Categorical feature</b> with {@code k} levels: level {@code c} is bin {@code c}.
 *
 * <p>Deterministic: depends only on the values and {@code maxBins}.
 */
final class FeatureBins {
  private final short[][] bins;
  private final double[][] thresholds;
  private final int[] histogramSize;
  private final int[] offsets;
  private final int[] levels;
  private final int totalSize;

  private FeatureBins(short[][] bins, double[][] thresholds, int[] levels) {
    this.bins = bins;
    this.thresholds = thresholds;
    this.levels = levels;
    int features = bins.length;
    this.histogramSize = new int[features];
    this.offsets = new int[features];
    int total = 0;
    for (int f = 0; f < features; f++) {
      histogramSize[f] = levels[f] > 0 ? levels[f] : thresholds[f].length + 1;
      offsets[f] = total;
      total += histogramSize[f];
    }
    this.totalSize = total;
  }

  /** Bins every feature of {@code data} into at most {@code maxBins} bins. */
  static FeatureBins of(TrainingSet data, int maxBins) {
    int features = data.features();
    short[][] bins = new short[features][];
    double[][] thresholds = new double[features][];
    int[] levels = new int[features];
    for (int f = 0; f < features; f++) {
      double[] column = data.column(f);
      levels[f] = data.levels(f);
      if (levels[f] > 0) {
        thresholds[f] = new double[0];
        short[] b = new short[column.length];
        for (int i = 0; i < column.length; i++) {
          b[i] = (short) column[i];
        }
        bins[f] = b;
      } else {
        thresholds[f] = thresholds(column, maxBins);
        bins[f] = assign(column, thresholds[f]);
      }
    }
    return new FeatureBins(bins, thresholds, levels);
  }

  /** The thresholds of a continuous column: one per regular bin, the last the largest value. */
  static double[] thresholds(double[] column, int maxBins) {
    double[] s = Arrays.stream(column).filter(v -> !Double.isNaN(v)).map(v -> v + 0.0).toArray();
    if (s.length == 0) {
      return new double[] {0.0};
    }
    Arrays.sort(s);
    double[] distinct = distinctOfSorted(s);
    int m = distinct.length;
    double max = distinct[m - 1];
    double[] edges;
    if (m <= maxBins) {
      edges = Arrays.copyOf(distinct, m - 1);
    } else {
      long n = s.length;
      edges =
          LongStream.range(1, maxBins)
              .mapToDouble(k -> s[(int) ((k * n + maxBins - 1) / maxBins - 1)])
              .distinct()
              .filter(e -> e < max)
              .toArray();
    }
    double[] out = new double[edges.length + 1];
    for (int j = 0; j < edges.length; j++) {
      int next = Arrays.binarySearch(distinct, edges[j]) + 1;
      out[j] = midpoint(edges[j], distinct[next]);
    }
    out[edges.length] = max;
    return out;
  }

  private static double[] distinctOfSorted(double[] s) {
    double[] d = new double[s.length];
    int m = 0;
    for (double v : s) {
      if (m == 0 || v != d[m - 1]) {
        d[m++] = v;
      }
    }
    return Arrays.copyOf(d, m);
  }

  /** A value in {@code [a, b)} halfway between them, or {@code a} when rounding forbids it. */
  static double midpoint(double a, double b) {
    double mid = (a + b) / 2;
    return mid >= a && mid < b ? mid : a;
  }

  private static short[] assign(double[] column, double[] thresholds) {
    int last = thresholds.length - 1;
    short[] b = new short[column.length];
    for (int i = 0; i < column.length; i++) {
      double x = column[i];
      if (Double.isNaN(x)) {
        b[i] = (short) (last + 1);
        continue;
      }
      int lo = 0;
      int hi = last;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (x <= thresholds[mid]) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      b[i] = (short) lo;
    }
    return b;
  }

  int features() {
    return bins.length;
  }

  /** The bin of every row for feature {@code f}. */
  short[] column(int f) {
    return bins[f];
  }

  boolean isCategorical(int f) {
    return levels[f] > 0;
  }

  /** The number of levels of a categorical feature. */
  int levels(int f) {
    return levels[f];
  }

  /**
   * Slots of feature {@code f} in a histogram: its levels, or its regular bins plus the NaN bin
   * (the last slot).
   */
  int histogramSize(int f) {
    return histogramSize[f];
  }

  /** Where feature {@code f}'s slots start in a histogram. */
  int offset(int f) {
    return offsets[f];
  }

  /** Slots of all features together. */
  int totalSize() {
    return totalSize;
  }

  /** The value threshold of the split "bin {@code <= t}" of continuous feature {@code f}. */
  double threshold(int f, int t) {
    return thresholds[f][t];
  }
}
