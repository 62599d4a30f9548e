package io.cx.jobs.churn.features;

import java.io.Serializable;
import java.util.Locale;

/**
 * One driver of the churn model as analysts read it: a touchpoint, an objective metric, an outcome
 * (satisfaction, recommend, effort) or a customer attribute (tenure, annual value, segment), and
 * the positions of its features in the model's vector: its value (if it has one) and its
 * not-answered indicator or segment levels. Importances, intervals and per-customer reasons are per
 * group: the SHAP value of a group is the sum of its features' SHAP values.
 *
 * @param id driver id: touchpoint or metric id, or satisfaction, recommend, effort, tenure,
 *     annual_value, segment
 * @param kind what the driver is
 * @param features positions in the feature vector
 * @param valueFeature position of the value feature (the one whose sign is the direction), or -1
 */
public record FeatureGroup(String id, Kind kind, int[] features, int valueFeature)
    implements Serializable {

  /**
   * Whether the driver is reported in driver_importance and top_reasons: touchpoints and objective
   * metrics, the drivers of the contract. Outcomes and customer attributes are controls: in the
   * models, not in the shares.
   */
  public boolean reported() {
    return kind == Kind.TOUCHPOINT || kind == Kind.METRIC;
  }

  /** Position of the not-answered indicator, or -1. */
  public int indicator() {
    return features.length == 2 && valueFeature == features[0] ? features[1] : -1;
  }

  /** The kinds of drivers; {@link #id()} is the value of driver_importance.driver_kind. */
  public enum Kind {
    TOUCHPOINT,
    METRIC,
    OUTCOME,
    CUSTOMER;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
