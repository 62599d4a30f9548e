package io.cx.jobs.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * Draws customers: segments of different sizes, each with its own annual-value distribution and
 * behaviour, regions with different delivery punctuality, and signup dates that give a spread of
 * tenures (everyone signed up before the first event, so the whole period is observed).
 */
final class Population {
  static final List<String> SEGMENTS = List.of("consumer", "business", "premium");
  static final double[] SEGMENT_SHARES = {0.65, 0.20, 0.15};

  /** Median and log-sd of annual value, by segment. */
  static final double[] VALUE_MEDIAN = {320, 2400, 1100};

  static final double[] VALUE_SIGMA = {0.6, 0.7, 0.5};

  /** Shift of every touchpoint experience, by segment. */
  static final double[] TOUCHPOINT_SHIFT = {0.0, -0.1, 0.2};

  static final double[] APP_FACTOR = {1.0, 0.7, 1.2};
  static final double[] ORDER_FACTOR = {1.0, 1.5, 1.2};
  static final double[] CALL_FACTOR = {1.0, 1.0, 1.0};
  static final double[] WAIT_FACTOR = {1.0, 1.0, 0.6};
  static final double[] CHECKOUT_FACTOR = {1.0, 0.8, 1.0};

  static final List<String> REGIONS = List.of("north", "south", "east", "west");
  static final double[] REGION_SHARES = {0.30, 0.25, 0.25, 0.20};
  static final double[] LATE_SHARE = {0.15, 0.32, 0.20, 0.25};

  /** Share of customers who signed up in the last year and a half before the data starts. */
  static final double RECENT_SIGNUP_SHARE = 0.25;

  private final LocalDate endDate;
  private final Ids ids;

  Population(LocalDate endDate, Ids ids) {
    this.endDate = endDate;
    this.ids = ids;
  }

  CustomerProfile draw(int index, Rng rng) {
    String segment = rng.pick(SEGMENTS, SEGMENT_SHARES);
    int s = SEGMENTS.indexOf(segment);
    String region = rng.pick(REGIONS, REGION_SHARES);
    int r = REGIONS.indexOf(region);
    double recent = segment.equals("premium") ? RECENT_SIGNUP_SHARE / 2.5 : RECENT_SIGNUP_SHARE;
    LocalDate signup =
        rng.chance(recent)
            ? endDate.minusDays(240 + rng.below(300))
            : endDate.minusDays(540 + rng.below(6 * 365 - 540));
    double value = round2(rng.logNormal(VALUE_MEDIAN[s], VALUE_SIGMA[s]));
    return new CustomerProfile(
        index,
        ids.customer(index),
        segment,
        region,
        signup,
        value,
        clamp(rng.logNormal(0.22, 0.4) * APP_FACTOR[s], 0.1, 1.2),
        clamp(rng.logNormal(0.08, 0.35) * ORDER_FACTOR[s], 0.04, 0.3),
        clamp(rng.logNormal(0.10, 0.8), 0.0, 1.0),
        clamp(rng.logNormal(0.05, 0.6), 0.005, 0.4),
        clamp(rng.logNormal(0.013, 0.5) * CALL_FACTOR[s], 0.002, 0.08),
        rng.logNormal(150, 0.4) * WAIT_FACTOR[s],
        rng.logNormal(90, 0.3) * CHECKOUT_FACTOR[s],
        LATE_SHARE[r]);
  }

  static double touchpointShift(String segment) {
    return TOUCHPOINT_SHIFT[SEGMENTS.indexOf(segment)];
  }

  private static double clamp(double v, double low, double high) {
    return Math.max(low, Math.min(high, v));
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
