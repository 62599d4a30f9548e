package io.cx.jobs.churn.model;

import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.shap.TreeShap;
import io.cx.jobs.churn.features.FeatureGroup;
import java.util.List;

/**
 * The gradient-boosted trees, copied from MLlib into a {@link TreeEnsemble}. MLlib's output F is
 * half the log-odds (P = 1 / (1 + exp(-2F))), so the margin is {@code 2F} and the contributions are
 * twice the TreeSHAP values, in log-odds like the logit's.
 *
 * @param ensemble the trees
 */
public record GbtModel(TreeEnsemble ensemble) implements LogOddsModel {
  public static final String NAME = "gbt";

  /** Factor from MLlib's output (half the log-odds) to log-odds. */
  public static final double LOG_ODDS_SCALE = 2.0;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double margin(double[] x) {
    return LOG_ODDS_SCALE * ensemble.predict(x);
  }

  @Override
  public Explainer explainer(List<FeatureGroup> groups) {
    TreeShap shap = new TreeShap(ensemble);
    double[] phi = new double[ensemble.numFeatures()];
    return x -> {
      shap.values(x, phi);
      return LogOddsModel.byGroup(phi, groups, LOG_ODDS_SCALE);
    };
  }
}
