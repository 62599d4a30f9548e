package io.cx.jobs.kpis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The KPIs of touchpoint_kpis. Each is the (survey-weighted) mean of a per-answer score {@code y},
 * which keeps every cell to six additive sums ({@link CellSums}) and makes days add up to weeks and
 * months exactly. Every metric reads higher = better, CES included (the CES 2.0 wording: "the
 * company made it easy for me"), so a drop is the adverse direction.
 */
enum KpiMetric {
  /** Mean normalised score 0..1; y = score_norm. Welch t test against the norm. */
  CSAT(Kind.MEAN),
  /**
   * Share of answers in the top two points of the scale (score >= scale_max - 1); y = 1 or 0.
   * Two-proportion z test against the norm.
   */
  TOP2BOX(Kind.PROPORTION),
  /**
   * Net promoter score -100..100; y = 100 for a promoter (9-10), -100 for a detractor (0-6), 0
   * otherwise, so mean(y) = 100 (p - d) and the population variance of y is 100^2 [p + d - (p -
   * d)^2]. z test with each side's own variance.
   */
  NPS(Kind.PROPORTION),
  /** Mean raw effort score on the question's own scale (e.g. 1..7); Welch t test. */
  CES(Kind.MEAN);

  /**
   * How the sampling variance of the mean is estimated: the linearization variance of {@link
   * KpiValues}, with the finite-sample factor that makes it the textbook formula without weights.
   */
  enum Kind {
    /**
     * A mean of a continuous score: factor n / (n - 1), i.e. s^2 / n with Bessel's correction
     * without weights.
     */
    MEAN,
    /**
     * A share (or difference of shares): factor 1, i.e. the multinomial variance p (1 - p) / n
     * without weights.
     */
    PROPORTION
  }

  private final Kind kind;

  KpiMetric(Kind kind) {
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** The id written in the metric column. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<KpiMetric> of(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
  }
}
