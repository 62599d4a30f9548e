package io.cx.jobs.drivers;

import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.shap.ShapImportance;
import io.cx.jobs.analytics.shap.ShapSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean |SHAP| per feature, overall and per segment, pooled over the cross-fitting folds: each
 * fold's rows are explained by the model fitted on the other fold, and the folds' weighted means
 * are combined weighted by their weight sums ({@code Σ_f W_f m_f / Σ_f W_f}), which is the weighted
 * mean over all the held-out rows.
 */
final class CrossFittedShap {
  private final List<String> features;
  private final Pooled overall;
  private final Map<String, Pooled> bySegment = new LinkedHashMap<>();

  CrossFittedShap(List<String> features) {
    this.features = List.copyOf(features);
    this.overall = new Pooled(features.size());
  }

  /** Adds one fold's summary (its rows explained by the other fold's model). */
  void add(ShapSummary.Result fold) {
    overall.add(fold.overall());
    fold.byGroup()
        .forEach(
            (segment, s) ->
                bySegment.computeIfAbsent(segment, k -> new Pooled(features.size())).add(s));
  }

  /** The pooled mean |SHAP| of a feature in a segment ({@link Cols#ALL}: all rows), or NaN. */
  double meanAbs(String segment, String feature) {
    Pooled p = Cols.ALL.equals(segment) ? overall : bySegment.get(segment);
    int i = features.indexOf(feature);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Unknown feature '" + feature + "'; features are " + features);
    }
    return p == null || !(p.weight > 0) ? Double.NaN : p.sums[i] / p.weight;
  }

  /** Held-out rows of a segment ({@link Cols#ALL}: all). */
  long n(String segment) {
    Pooled p = Cols.ALL.equals(segment) ? overall : bySegment.get(segment);
    return p == null ? 0 : p.n;
  }

  private static final class Pooled {
    private final double[] sums;
    private double weight;
    private long n;

    Pooled(int features) {
      sums = new double[features];
    }

    void add(ShapImportance s) {
      if (s.n() == 0) {
        return;
      }
      for (int i = 0; i < sums.length; i++) {
        sums[i] += s.weightSum() * s.meanAbs(i);
      }
      weight += s.weightSum();
      n += s.n();
    }
  }
}
