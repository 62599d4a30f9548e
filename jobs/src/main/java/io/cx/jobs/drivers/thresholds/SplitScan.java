package io.cx.jobs.drivers.thresholds;

/**
 * The split statistic of {@link ThresholdFinder} for a fixed set of candidate splits, for the
 * observed scores and for each permutation of them: one running sum over the scores in x order
 * gives every candidate's {@code z = (mean_below - mean_above) * sqrt(n_below * n_above / n)} in
 * O(n), without allocating.
 */
final class SplitScan {
  private final int[] cuts;
  private final int n;
  private final double total;
  private final double totalSumOfSquares;
  private final double[] scale;

  /**
   * @param ys scores in ascending order of x
   * @param cuts candidate splits as rows below, ascending
   */
  SplitScan(double[] ys, int[] cuts) {
    this.cuts = cuts;
    this.n = ys.length;
    double sum = 0;
    for (double v : ys) {
      sum += v;
    }
    this.total = sum;
    double mean = sum / n;
    double ss = 0;
    for (double v : ys) {
      ss += (v - mean) * (v - mean);
    }
    this.totalSumOfSquares = ss;
    this.scale = new double[cuts.length];
    for (int c = 0; c < cuts.length; c++) {
      scale[c] = Math.sqrt((double) cuts[c] * (n - cuts[c]) / n);
    }
  }

  /** Writes each candidate's statistic for scores {@code ys} into {@code z}. */
  void statistics(double[] ys, double[] z) {
    double below = 0;
    int i = 0;
    for (int c = 0; c < cuts.length; c++) {
      for (; i < cuts[c]; i++) {
        below += ys[i];
      }
      z[c] = statistic(c, below);
    }
  }

  /** The largest candidate statistic for scores {@code ys}. */
  double max(double[] ys) {
    double below = 0;
    double max = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (int c = 0; c < cuts.length; c++) {
      for (; i < cuts[c]; i++) {
        below += ys[i];
      }
      max = Math.max(max, statistic(c, below));
    }
    return max;
  }

  /** Sum of the scores below candidate {@code c}. */
  double sumBelow(double[] ys, int c) {
    double below = 0;
    for (int i = 0; i < cuts[c]; i++) {
      below += ys[i];
    }
    return below;
  }

  double total() {
    return total;
  }

  double totalSumOfSquares() {
    return totalSumOfSquares;
  }

  private double statistic(int c, double below) {
    int nb = cuts[c];
    double diff = below / nb - (total - below) / (n - nb);
    return diff * scale[c];
  }
}
