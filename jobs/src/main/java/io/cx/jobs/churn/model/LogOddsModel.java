package io.cx.jobs.churn.model;

import io.cx.jobs.churn.features.FeatureGroup;
import java.io.Serializable;
import java.util.List;

/**
 * A trained churn model as the job uses it: the raw log-odds (margin) of a feature vector, and each
 * driver's additive contribution to it. Both models are plain serializable arrays, so scoring,
 * explaining and what-if passes run the exact function that was evaluated.
 */
public sealed interface LogOddsModel extends Serializable permits LogitModel, GbtModel {
  /** {@code logit} or {@code gbt}: the value of the {@code model} columns. */
  String name();

  /** The raw log-odds of churn. */
  double margin(double[] x);

  /** A per-thread explainer (not thread-safe; make one per partition). */
  Explainer explainer(List<FeatureGroup> groups);

  /** Splits a margin into additive contributions of the drivers, in log-odds. */
  interface Explainer {
    /** One contribution per group, in group order. */
    double[] contributions(double[] x);
  }

  /** Sums per-feature values into per-group values. */
  static double[] byGroup(double[] perFeature, List<FeatureGroup> groups, double factor) {
    double[] out = new double[groups.size()];
    for (int g = 0; g < out.length; g++) {
      for (int j : groups.get(g).features()) {
        out[g] += perFeature[j];
      }
      out[g] *= factor;
    }
    return out;
  }
}
