package io.cx.jobs.drivers;

/**
 * The targets of the driver models: the contract's {@code target} value, the journey_features
 * column it comes from, and the factor that puts it on 0..1. Both targets are modelled on 0..1, so
 * that importances (parts of R², mean |SHAP|) and Kano effects read the same for both: recommend
 * (raw 0..10) is divided by 10. Correlations, hence LMG and relative weights, do not depend on it.
 */
enum Target {
  SATISFACTION("satisfaction", FeatureNames.SATISFACTION, 1.0),
  RECOMMEND("recommend", FeatureNames.RECOMMEND, 0.1);

  private final String id;
  private final String column;
  private final double scale;

  Target(String id, String column, double scale) {
    this.id = id;
    this.column = column;
    this.scale = scale;
  }

  /** The contract's target value. */
  String id() {
    return id;
  }

  /** The journey_features column. */
  String column() {
    return column;
  }

  /** Multiplies the column's value onto 0..1. */
  double scale() {
    return scale;
  }
}
