package io.cx.jobs.analytics.shap;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * SHAP-based importance of each feature (or feature sum, see {@link ShapSummary#sumFeatures}) over
 * a set of rows (all rows, or one group such as a segment): the mean absolute SHAP value, which is
 * the importance the driver and churn jobs report, and the mean signed SHAP value, whose sign says
 * in which direction the feature moved the predictions on balance. With a weight column ({@link
 * ShapSummary#weightCol}) the means are weighted: {@code Σ w·|φ| / Σ w}. Means over zero rows are
 * NaN.
 *
 * <p>Moments of each one's value feature, for the direction and performance of a driver: {@link
 * #covariance} of value and contribution, and {@link #answered} / {@link #meanAnswered} over the
 * rows where the value is not missing. They are NaN (and 0 answered) for a feature sum without a
 * value feature.
 */
public final class ShapImportance implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> features;
  private final long n;
  private final double weightSum;
  private final double[] meanAbs;
  private final double[] mean;
  private final double[] covariance;
  private final long[] answered;
  private final double[] meanAnswered;

  /**
   * @param hasValue per feature, whether it has a value feature (its moments are defined)
   */
  ShapImportance(List<String> features, ShapSums s, boolean[] hasValue) {
    this.features = List.copyOf(features);
    this.n = s.n;
    this.weightSum = s.weight;
    int k = features.size();
    this.meanAbs = new double[k];
    this.mean = new double[k];
    this.covariance = new double[k];
    this.answered = s.answered.clone();
    this.meanAnswered = new double[k];
    for (int i = 0; i < k; i++) {
      meanAbs[i] = s.abs[i] / weightSum;
      mean[i] = s.signed[i] / weightSum;
      covariance[i] =
          hasValue[i]
              ? s.valueTimesContribution[i] / weightSum
                  - (s.value[i] / weightSum) * (s.signed[i] / weightSum)
              : Double.NaN;
      meanAnswered[i] =
          s.answeredWeight[i] > 0 ? s.answeredValue[i] / s.answeredWeight[i] : Double.NaN;
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

  /** Names summarised: the features in the order of the vector, or the feature sums in order. */
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

  /**
   * Weighted covariance of feature {@code i}'s value and its SHAP value, {@code E[x·φ] −
   * E[x]·E[φ]}: positive when a higher value pushes the prediction up. NaN without a value feature.
   */
  public double covariance(int i) {
    return covariance[i];
  }

  /** Rows where feature {@code i}'s value is not missing; 0 without a value feature. */
  public long answered(int i) {
    return answered[i];
  }

  /** Weighted mean of feature {@code i}'s value over the {@link #answered} rows, or NaN. */
  public double meanAnswered(int i) {
    return meanAnswered[i];
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
