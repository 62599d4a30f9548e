package io.cx.jobs.analytics.shap;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * SHAP-based importance of each feature over a set of rows (all rows, or one group such as a
 * segment): the mean absolute SHAP value, which is the importance the driver job reports, and the
 * mean signed SHAP value, whose sign says in which direction the feature moved the predictions on
 * balance. Means over zero rows are NaN. With a weight column ({@link ShapSummary#weightCol}) the
 * means are weighted: {@code Σ w·|φ| / Σ w}.
 */
public final class ShapImportance implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> features;
  private final long n;
  private final double weightSum;
  private final double[] meanAbs;
  private final double[] mean;

  ShapImportance(List<String> features, long n, double weightSum, double[] sumAbs, double[] sum) {
    this.features = List.copyOf(features);
    this.n = n;
    this.weightSum = weightSum;
    this.meanAbs = new double[sumAbs.length];
    this.mean = new double[sum.length];
    for (int i = 0; i < sumAbs.length; i++) {
      meanAbs[i] = sumAbs[i] / weightSum;
      mean[i] = sum[i] / weightSum;
    }
  }

  /** Rows averaged over. */
  public long n() {
    return n;
  }

  /** Sum of the rows' weights: {@link #n()} without a weight column. */
  public double weightSum() {
    return weightSum;
  }

  /** Feature names, in the order of the features vector. */
  public List<String> features() {
    return features;
  }

  /** Mean |SHAP| of feature {@code i}. */
  public double meanAbs(int i) {
    return meanAbs[i];
  }

  /** Mean |SHAP| of the named feature. */
  public double meanAbs(String feature) {
    return meanAbs[indexOf(feature)];
  }

  /** Mean signed SHAP of feature {@code i}. */
  public double mean(int i) {
    return mean[i];
  }

  /** Mean signed SHAP of the named feature. */
  public double mean(String feature) {
    return mean[indexOf(feature)];
  }

  /** Mean |SHAP| of every feature, a copy. */
  public double[] meanAbs() {
    return meanAbs.clone();
  }

  /** Mean signed SHAP of every feature, a copy. */
  public double[] mean() {
    return mean.clone();
  }

  private int indexOf(String feature) {
    int i = features.indexOf(feature);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Unknown feature '" + feature + "'; features are " + features);
    }
    return i;
  }

  @Override
  public String toString() {
    return "ShapImportance(n=" + n + ", meanAbs=" + Arrays.toString(meanAbs) + ")";
  }
}
