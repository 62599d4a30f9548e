package io.cx.jobs.analytics.stats;

import io.cx.common.config.DriverOptions;

/**
 * How the {@link Crosshair} of each target, segment and method is placed: each coordinate at the
 * fixed value where the config gives one ({@code drivers.crosshair_share}, {@code
 * drivers.crosshair_performance}), else at the mean over the drivers where both values are present.
 * Both jobs that write driver_importance place their quadrants by the same rule.
 *
 * @param share the fixed share, or null for the mean
 * @param performance the fixed performance (0..1), or null for the mean
 */
public record CrosshairRule(Double share, Double performance) {
  /** Both coordinates at the means. */
  public static final CrosshairRule MEANS = new CrosshairRule(null, null);

  /** The rule the config sets in its drivers section. */
  public static CrosshairRule of(DriverOptions o) {
    return new CrosshairRule(o.crosshairShare(), o.crosshairPerformance());
  }

  /**
   * The quadrant of each driver; null where its share or performance is NaN, and for every driver
   * when a mean is needed and no driver has both values.
   */
  public Quadrant[] quadrants(double[] shares, double[] performances) {
    if (share != null && performance != null) {
      return Quadrant.of(shares, performances, Crosshair.fixed(share, performance));
    }
    return Crosshair.meansIfAny(shares, performances)
        .map(
            m ->
                Quadrant.of(
                    shares,
                    performances,
                    Crosshair.fixed(
                        share != null ? share : m.share(),
                        performance != null ? performance : m.performance())))
        .orElseGet(() -> new Quadrant[shares.length]);
  }
}
