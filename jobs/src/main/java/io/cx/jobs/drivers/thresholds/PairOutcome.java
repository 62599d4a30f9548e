package io.cx.jobs.drivers.thresholds;

import java.io.Serializable;

/**
 * Everything the threshold search learned about one pair before the run's pairs are corrected
 * together ({@link TippingPoints#classify}).
 *
 * @param n rows searched
 * @param split the finder's best split or why there is none
 * @param step the step-versus-line test; null without a split
 * @param interval where the threshold falls; null unless the pair can pass the correction (both its
 *     p-values at most alpha: a q-value is never below its p-value)
 */
public record PairOutcome(
    long n, ThresholdResult split, StepVsTrend.Result step, ThresholdBootstrap.Interval interval)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The p-value of the threshold claim: both tests must reject (intersection-union). */
  double claimP() {
    return step == null
        ? Double.NaN
        : Math.max(((ThresholdResult.Found) split).pValue(), step.pValue());
  }
}
