package io.cx.jobs.analytics.trees;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Finds a node's best split from its histogram: for every feature and bin, the sums of gradients
 * {@code G}, hessians {@code H} and the row count, three doubles per slot at {@code 3 * (offset(f)
 * + bin)}.
 *
 * <p>The gain of sending {@code (G_L, H_L)} left and {@code (G_R, H_R)} right is {@code G_L^2 /
 * (H_L + lambda) + G_R^2 / (H_R + lambda) - G^2 / (H + lambda)}. A candidate is allowed when each
 * child has at least {@code minInstancesPerNode} rows and {@code H + lambda > 0}, and is a split
 * only when its gain exceeds {@value #MIN_RELATIVE_GAIN} times the children's term: a split whose
 * gain is rounding noise (a node whose gradients are all equal) is not made.
 *
 * <p>Candidates are tried in the order below, and one replaces the best so far only if its gain is
 * larger by more than a relative {@value #TIE}. So ties, and gains equal up to rounding (two
 * features that part the node's rows alike, summed in another order), go to the lowest feature,
 * then the lowest threshold:
 *
 * <ul>
 *   <li>continuous: "bin {@code <= t}" for each bin {@code t} that holds rows of the node, in
 *       increasing {@code t} (so among splits that part the node's rows alike, the lowest threshold
 *       is tried first); the last regular bin splits off the NaN rows;
 *   <li>categorical: the levels present in the node sorted by {@code G / H} (ties by level), and
 *       the prefixes of that order going left, shortest first. For squared error {@code G / H} is
 *       minus the mean residual, so this is MLlib's ordering by mean label; with {@code lambda = 0}
 *       the best prefix is the best of all subsets of levels (Fisher 1958). Levels absent from the
 *       node go right.
 * </ul>
 */
final class SplitSearch {
  /** A split must gain more than this share of its children's term. */
  static final double MIN_RELATIVE_GAIN = 1e-10;

  /** Gains closer than this, relatively, are a tie. */
  static final double TIE = 1e-9;

  private final FeatureBins bins;
  private final double lambda;
  private final int minInstances;

  SplitSearch(FeatureBins bins, double lambda, int minInstances) {
    this.bins = bins;
    this.lambda = lambda;
    this.minInstances = minInstances;
  }

  /** The best split of a node with sums {@code g}, {@code h} over {@code count} rows, or null. */
  Split best(double[] hist, double g, double h, int count) {
    double parent = g * g / (h + lambda);
    Split best = null;
    for (int f = 0; f < bins.features(); f++) {
      double bestGain = best == null ? 0 : best.gain();
      Split s =
          bins.isCategorical(f)
              ? categorical(hist, f, g, h, count, parent, bestGain)
              : continuous(hist, f, g, h, count, parent, bestGain);
      if (s != null) {
        best = s;
      }
    }
    return best;
  }

  /** Whether a candidate's gain beats the best so far (0 when there is none yet). */
  private static boolean beats(double gain, double bestGain) {
    return gain > 0 && gain > bestGain * (1 + TIE);
  }

  private Split continuous(
      double[] hist, int f, double g, double h, int count, double parent, double bestSoFar) {
    int base = 3 * bins.offset(f);
    int regular = bins.histogramSize(f) - 1;
    double gl = 0;
    double hl = 0;
    long cl = 0;
    int bestBin = -1;
    double bestGain = bestSoFar;
    for (int t = 0; t < regular; t++) {
      int k = base + 3 * t;
      long c = (long) hist[k + 2];
      if (c == 0) {
        continue;
      }
      gl += hist[k];
      hl += hist[k + 1];
      cl += c;
      long cr = count - cl;
      if (cr < minInstances) {
        break;
      }
      if (cl < minInstances) {
        continue;
      }
      double gain = gain(gl, hl, g - gl, h - hl, parent);
      if (beats(gain, bestGain)) {
        bestGain = gain;
        bestBin = t;
      }
    }
    return bestBin < 0 ? null : new Split(f, bestBin, null, bestGain);
  }

  private Split categorical(
      double[] hist, int f, double g, double h, int count, double parent, double bestSoFar) {
    int base = 3 * bins.offset(f);
    int levels = bins.levels(f);
    Integer[] present =
        IntStream.range(0, levels)
            .filter(c -> hist[base + 3 * c + 2] > 0)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(
        present,
        (a, b) -> {
          int byRatio = Double.compare(ratio(hist, base, a), ratio(hist, base, b));
          return byRatio != 0 ? byRatio : Integer.compare(a, b);
        });
    double gl = 0;
    double hl = 0;
    long cl = 0;
    int bestPrefix = 0;
    double bestGain = bestSoFar;
    for (int j = 1; j < present.length; j++) {
      int k = base + 3 * present[j - 1];
      gl += hist[k];
      hl += hist[k + 1];
      cl += (long) hist[k + 2];
      long cr = count - cl;
      if (cr < minInstances) {
        break;
      }
      if (cl < minInstances) {
        continue;
      }
      double gain = gain(gl, hl, g - gl, h - hl, parent);
      if (beats(gain, bestGain)) {
        bestGain = gain;
        bestPrefix = j;
      }
    }
    if (bestPrefix == 0) {
      return null;
    }
    boolean[] left = new boolean[levels];
    for (int j = 0; j < bestPrefix; j++) {
      left[present[j]] = true;
    }
    return new Split(f, -1, left, bestGain);
  }

  private static double ratio(double[] hist, int base, int level) {
    return hist[base + 3 * level] / hist[base + 3 * level + 1];
  }

  /** The gain of a candidate, or 0 when it is not allowed or is rounding noise. */
  private double gain(double gl, double hl, double gr, double hr, double parent) {
    if (!(hl + lambda > 0 && hr + lambda > 0)) {
      return 0;
    }
    double children = gl * gl / (hl + lambda) + gr * gr / (hr + lambda);
    double gain = children - parent;
    return gain > MIN_RELATIVE_GAIN * children ? gain : 0;
  }
}
