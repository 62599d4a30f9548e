package io.cx.jobs.churn.model;

import io.cx.jobs.churn.calibration.Calibrator;
import io.cx.jobs.churn.features.Vectorizer;
import java.io.Serializable;

/**
 * The whole churn prediction, as evaluated and as applied: features from a row's inputs, the
 * model's margin, the calibration. Serializable, shipped to the executors whole.
 *
 * @param vectorizer the fitted feature plan
 * @param model the raw model
 * @param calibrator the calibration fitted for that model
 */
public record ChurnPredictor(Vectorizer vectorizer, LogOddsModel model, Calibrator calibrator)
    implements Serializable {

  /** The calibrated churn probability of a feature vector. */
  public double probability(double[] x) {
    return calibrator.probability(model.margin(x));
  }

  /** The calibrated churn probability of raw inputs (NaN for null) and a segment. */
  public double probability(double[] raw, String segment) {
    return probability(vectorizer.vector(raw, segment));
  }
}
