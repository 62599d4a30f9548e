package io.cx.jobs.churn.whatif;

import io.cx.jobs.analytics.stats.PercentileInterval;

/**
 * One what-if prediction of a target: the baseline, the predicted value and its change, with the 95
 * % percentile interval of the change over the outcome models' coefficient draws. The predicted
 * value and the interval's ends are clamped to the target's range (a mean score to 0..1, NPS to
 * -100..100, a probability to 0..1), and the changes are taken from the clamped values.
 *
 * @param baseline the observed value (mean, NPS, mean probability)
 * @param predicted baseline plus the predicted change, within the range
 * @param delta predicted minus baseline
 * @param low lower end of delta's interval, NaN without draws
 * @param high upper end of delta's interval, NaN without draws
 */
record Prediction(double baseline, double predicted, double delta, double low, double high) {
  static final double LEVEL = 0.95;

  /**
   * @param baseline the observed value
   * @param delta the predicted change at the estimated coefficients
   * @param draws the predicted changes at each draw (empty: no interval)
   * @param min the target's smallest value
   * @param max the target's largest value
   */
  static Prediction of(double baseline, double delta, double[] draws, double min, double max) {
    double predicted = clamp(baseline + delta, min, max);
    double low = Double.NaN;
    double high = Double.NaN;
    if (draws.length > 0) {
      PercentileInterval ci = PercentileInterval.of(draws, LEVEL);
      low = clamp(baseline + ci.low(), min, max) - baseline;
      high = clamp(baseline + ci.high(), min, max) - baseline;
    }
    return new Prediction(baseline, predicted, predicted - baseline, low, high);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
