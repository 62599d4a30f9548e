package io.cx.jobs.churn.model;

import io.cx.jobs.churn.features.FeatureGroup;
import java.util.List;

/**
 * The logistic regression: margin {@code b0 + sum_j b_j x_j} (coefficients on the original feature
 * scale, as MLlib returns them). A driver's contribution for a row is {@code sum over its features
 * of b_j (x_j - mean_j)}, the exact SHAP value of a linear model with the training means as the
 * baseline, so logit and tree reasons read the same way.
 *
 * @param intercept b0
 * @param coefficients b
 * @param center the training means of the features
 */
public record LogitModel(double intercept, double[] coefficients, double[] center)
    implements LogOddsModel {
  public static final String NAME = "logit";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double margin(double[] x) {
    double m = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      m += coefficients[j] * x[j];
    }
    return m;
  }

  @Override
  public Explainer explainer(List<FeatureGroup> groups) {
    return x -> {
      double[] c = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        c[j] = coefficients[j] * (x[j] - center[j]);
      }
      return LogOddsModel.byGroup(c, groups, 1.0);
    };
  }
}
