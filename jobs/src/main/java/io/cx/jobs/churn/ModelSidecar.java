package io.cx.jobs.churn;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Tables;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.logit.LogitFit;
import io.cx.jobs.churn.model.GbtModel;
import io.cx.jobs.churn.model.LogitModel;
import io.cx.jobs.churn.model.TrainedModels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a run's {@code model.json} ({@link ModelStore}): plain maps and lists, with NaN
 * and infinities written as null (JSON has no NaN).
 */
final class ModelSidecar {
  private ModelSidecar() {}

  /**
   * What one journey's run knows at the end.
   *
   * @param fit what the analysis fitted for the journey
   * @param runDate run date
   * @param configHash SHA-256 of the effective config
   * @param featuresVersion Delta version of journey_features read
   * @param labelsVersion Delta version of churn_labels read
   * @param options the churn section of the config
   */
  record Run(
      JourneyModels fit,
      LocalDate runDate,
      String configHash,
      long featuresVersion,
      long labelsVersion,
      ChurnOptions options) {}

  static Map<String, Object> of(Run run) {
    JourneyModels r = run.fit();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("journey", r.journey());
    m.put("run_date", run.runDate().toString());
    m.put("config_hash", run.configHash());
    m.put(
        "input_versions",
        Map.of(
            Tables.JOURNEY_FEATURES,
            run.featuresVersion(),
            Tables.CHURN_LABELS,
            run.labelsVersion()));
    m.put("chosen_model", r.chosen());
    m.put("options", run.options().toString());
    Map<String, Object> parts = new LinkedHashMap<>();
    r.parts().forEach((k, v) -> parts.put(k, Map.of("non_churners", v[0], "churners", v[1])));
    m.put("rows", parts);
    TrainedModels t = r.models();
    Vectorizer v = t.vectorizer();
    m.put("features", v.featureNames());
    m.put("feature_plan", plan(v));
    m.put(
        "class_weights",
        Map.of("non_churner", t.classWeights()[0], "churner", t.classWeights()[1]));
    m.put("logit", logit(t));
    m.put(
        "gbt",
        Map.of("margin_scale", t.gbt().marginScale(), "trees", t.gbt().ensemble().numTrees()));
    Map<String, Object> cal = new LinkedHashMap<>();
    t.calibration()
        .forEach(
            (model, choice) -> {
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("method", choice.calibrator().method());
              c.put("parameters", clean(choice.calibrator().parameters()));
              c.put("held_out_log_loss", clean(choice.heldOutLogLoss()));
              cal.put(model, c);
            });
    m.put("calibration", cal);
    Map<String, Object> rel = new LinkedHashMap<>();
    r.evaluations()
        .forEach(
            (model, bySplit) -> {
              Map<String, Object> s = new LinkedHashMap<>();
              bySplit.forEach((split, e) -> s.put(split, clean(e.reliability().rows())));
              rel.put(model, s);
            });
    m.put("reliability", rel);
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (ModelMetrics.MetricValue mv : r.metrics()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("model", mv.model());
      x.put("split", mv.split());
      x.put("metric", mv.metric());
      x.put("value", number(mv.value()));
      x.put("n", mv.n());
      metrics.add(x);
    }
    m.put("metrics", metrics);
    Map<String, Object> importance = new LinkedHashMap<>();
    r.importance()
        .forEach(
            (method, values) -> {
              Map<String, Object> byGroup = new LinkedHashMap<>();
              List<FeatureGroup> groups = v.groups();
              for (int g = 0; g < groups.size(); g++) {
                byGroup.put(groups.get(g).id(), number(values[g]));
              }
              importance.put(method, byGroup);
            });
    m.put("importance_all_groups", importance);
    m.put("paths", Map.of(LogitModel.NAME, ModelStore.SIDECAR, GbtModel.NAME, ModelStore.GBT_FILE));
    return m;
  }

  private static Map<String, Object> plan(Vectorizer v) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    double[] means = v.means();
    for (int i = 0; i < v.inputs().size(); i++) {
      FeaturePlan.Input in = v.inputs().get(i);
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("column", in.column());
      x.put("group", in.group());
      x.put("kind", in.kind().id());
      x.put("scale", in.scale());
      x.put("indicator", in.indicator());
      x.put("mean", means[i]);
      inputs.add(x);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("inputs", inputs);
    out.put("segment_levels", v.segmentLevels());
    return out;
  }

  private static Map<String, Object> logit(TrainedModels t) {
    LogitFit f = t.logitFit();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("intercept", f.intercept());
    out.put("newton_iterations", t.logitIterations());
    out.put("beta", clean(f.beta()));
    out.put("center", clean(f.mean()));
    List<Map<String, Object>> coef = new ArrayList<>();
    List<String> names = t.vectorizer().featureNames();
    for (int j = 0; j < f.beta().length; j++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("feature", names.get(j));
      c.put("coefficient", number(f.beta()[j]));
      c.put("standardised", number(f.beta()[j] * f.sd(j)));
      c.put("se", number(f.se(j)));
      c.put("standardised_se", number(f.se(j) * f.sd(j)));
      coef.add(c);
    }
    out.put("coefficients", coef);
    return out;
  }

  private static Object number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  @SuppressWarnings("unchecked")
  private static Object clean(Object o) {
    if (o instanceof Double d) {
      return number(d);
    }
    if (o instanceof double[] a) {
      List<Object> out = new ArrayList<>();
      for (double d : a) {
        out.add(number(d));
      }
      return out;
    }
    if (o instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, clean(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(clean(x)));
      return out;
    }
    return o;
  }
}
