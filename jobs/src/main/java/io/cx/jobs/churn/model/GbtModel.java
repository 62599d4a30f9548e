package io.cx.jobs.churn.model;

import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.shap.TreeShap;
import io.cx.jobs.churn.features.FeatureGroup;
import java.util.List;

/**
 * The gradient-boosted trees as a {@link TreeEnsemble}, with the factor that turns the ensemble's
 * output into log-odds: 1 for cx's in-memory trees ({@link GbtFitter}), whose output is the
 * log-odds; 2 for trees copied from MLlib, whose output F is half the log-odds (P = 1 / (1 +
 * exp(-2F))). The margin is {@code marginScale * F} and the contributions are {@code marginScale}
 * times the TreeSHAP values, in log-odds like the logit's.
 *
 * @param ensemble the trees
 * @param marginScale log-odds per unit of the ensemble's output: 1 or 2
 */
public record GbtModel(TreeEnsemble ensemble, double marginScale) implements LogOddsModel {
  public static final String NAME = "gbt";

  /** Trees fitted by cx, whose output is the log-odds. */
  public static GbtModel ofLogOdds(TreeEnsemble ensemble) {
    return new GbtModel(ensemble, 1.0);
  }

  /** Trees copied from an MLlib classifier, whose output is half the log-odds. */
  public static GbtModel ofMllib(TreeEnsemble ensemble) {
    return new GbtModel(ensemble, 2.0);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double margin(double[] x) {
    return marginScale * ensemble.predict(x);
  }

  @Override
  public Explainer explainer(List<FeatureGroup> groups) {
    TreeShap shap = new TreeShap(ensemble);
    double[] phi = new double[ensemble.numFeatures()];
    return x -> {
      shap.values(x, phi);
      return LogOddsModel.byGroup(phi, groups, marginScale);
    };
  }
}
