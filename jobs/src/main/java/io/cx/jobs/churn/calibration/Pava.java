package io.cx.jobs.churn.calibration;

/**
 * Pool-adjacent-violators: the weighted least-squares non-decreasing fit to points given in
 * increasing x, each with a sum of outcomes and a weight (here: the churners and rows sharing one
 * probability). Adjacent blocks whose means decrease are pooled until none do; every point gets its
 * block's mean. O(n).
 */
public final class Pava {
  private Pava() {}

  /**
   * @param sumY sum of the outcomes at each point, in increasing x
   * @param weight weight (row count) at each point, all positive
   * @return the fitted value of each point, non-decreasing
   */
  public static double[] fit(double[] sumY, double[] weight) {
    int n = sumY.length;
    double[] blockSum = new double[n];
    double[] blockWeight = new double[n];
    int[] blockEnd = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      if (!(weight[i] > 0)) {
        throw new IllegalArgumentException(
            "Cannot fit isotonic regression: weight " + weight[i] + " at point " + i);
      }
      blockSum[blocks] = sumY[i];
      blockWeight[blocks] = weight[i];
      blockEnd[blocks] = i;
      blocks++;
      while (blocks > 1
          && blockSum[blocks - 2] / blockWeight[blocks - 2]
              > blockSum[blocks - 1] / blockWeight[blocks - 1]) {
        blockSum[blocks - 2] += blockSum[blocks - 1];
        blockWeight[blocks - 2] += blockWeight[blocks - 1];
        blockEnd[blocks - 2] = blockEnd[blocks - 1];
        blocks--;
      }
    }
    double[] fitted = new double[n];
    int start = 0;
    for (int b = 0; b < blocks; b++) {
      double mean = blockSum[b] / blockWeight[b];
      for (int i = start; i <= blockEnd[b]; i++) {
        fitted[i] = mean;
      }
      start = blockEnd[b] + 1;
    }
    return fitted;
  }
}
