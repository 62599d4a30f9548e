package io.cx.jobs.analytics.shap;

import java.util.List;
import java.util.Objects;

/**
 * A driver whose SHAP value is the sum of the SHAP values of several features, e.g. a touchpoint's
 * score and its not-answered indicator, for {@link ShapSummary#sumFeatures}. Besides its mean
 * |SHAP|, {@link ShapImportance} reports moments of its value feature: the covariance of value and
 * contribution (the direction) and the mean value over the rows where it was answered (the
 * performance).
 *
 * @param name the name it is reported under
 * @param features the features whose SHAP values are summed, in the order they are added
 * @param valueFeature the feature whose value the moments describe, or null for none
 * @param missingIndicator the 0/1 feature that is non-zero where the value is missing (not
 *     answered), or null when every row has a value
 */
public record FeatureSum(
    String name, List<String> features, String valueFeature, String missingIndicator) {

  public FeatureSum {
    Objects.requireNonNull(name);
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("Cannot sum no features into '" + name + "'");
    }
    if (missingIndicator != null && valueFeature == null) {
      throw new IllegalArgumentException(
          "Cannot sum features into '" + name + "': a missing indicator needs a value feature");
    }
  }

  /** One feature on its own, its value the moments' value, never missing. */
  public static FeatureSum of(String feature) {
    return new FeatureSum(feature, List.of(feature), feature, null);
  }
}
