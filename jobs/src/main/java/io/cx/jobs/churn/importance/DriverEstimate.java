package io.cx.jobs.churn.importance;

import io.cx.jobs.churn.features.FeatureGroup;
import java.util.List;

/**
 * One driver's importance for churn by one method in one segment, before it becomes a
 * driver_importance row.
 *
 * @param group the driver
 * @param importance the method's importance (in log-odds)
 * @param share importance over the sum over the reported drivers
 * @param ciLow lower end of the 95 % interval of the share (NaN: none)
 * @param ciHigh upper end
 * @param ciReplicates replicates the interval rests on, or null without an interval
 * @param pValue p-value of the Wald test that the driver's coefficients are all 0, or null
 * @param aboveNoise whether the importance is larger than a pure-noise feature's, or null without a
 *     noise baseline
 * @param direction +1 when a higher value raises churn, -1 when it lowers it
 * @param performance mean score (0..1) of a touchpoint over the rows used; null for metrics
 * @param n responses the estimate used
 * @param nDriver of them, those where the driver has a value
 * @param note what the row's note says about the method, or null
 */
public record DriverEstimate(
    FeatureGroup group,
    double importance,
    double share,
    double ciLow,
    double ciHigh,
    Integer ciReplicates,
    Double pValue,
    Boolean aboveNoise,
    Integer direction,
    Double performance,
    long n,
    long nDriver,
    String note) {

  /** Whether a driver of this kind has a performance (a mean score on 0..1): touchpoints. */
  public static boolean scored(FeatureGroup group) {
    return group.kind() == FeatureGroup.Kind.TOUCHPOINT;
  }

  /** Shares of the reported drivers' importances (NaN for the others). */
  public static double[] reportedShares(double[] importance, List<FeatureGroup> groups) {
    double total = 0;
    for (int g = 0; g < importance.length; g++) {
      if (groups.get(g).reported()) {
        total += importance[g];
      }
    }
    double[] out = new double[importance.length];
    for (int g = 0; g < out.length; g++) {
      out[g] = groups.get(g).reported() && total > 0 ? importance[g] / total : Double.NaN;
    }
    return out;
  }
}
