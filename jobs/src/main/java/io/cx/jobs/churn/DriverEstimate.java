package io.cx.jobs.churn;

/**
 * One driver's importance for churn by one method in one segment, before it becomes a
 * driver_importance row.
 *
 * @param group the driver
 * @param importance the method's importance (in log-odds)
 * @param share importance over the sum over the drivers
 * @param ciLow lower end of the 95 % interval of the share (NaN: none)
 * @param ciHigh upper end
 * @param direction +1 when a higher value raises churn, -1 when it lowers it, null when the driver
 *     has no direction (segment)
 * @param performance mean score (0..1) of a touchpoint or outcome over the rows used; null for
 *     other drivers
 * @param n responses the estimate used
 */
record DriverEstimate(
    FeatureGroup group,
    double importance,
    double share,
    double ciLow,
    double ciHigh,
    Integer direction,
    Double performance,
    long n) {

  /** Whether a driver of this kind has a performance (a mean score on 0..1). */
  static boolean scored(FeatureGroup group) {
    return group.kind() == FeatureGroup.Kind.TOUCHPOINT
        || group.kind() == FeatureGroup.Kind.OUTCOME;
  }
}
