package io.cx.jobs.analytics.stats;

/**
 * The rule that turns a touchpoint's penalty and reward into a {@link KanoClass}, sized to the
 * evidence.
 *
 * <ol>
 *   <li>Any of the touchpoint's three boxes (bottom, middle, top) answered by fewer than {@code
 *       minCount} responses: {@link KanoClass#INSUFFICIENT} (both effects are contrasts against the
 *       middle, so each box must be seen often enough).
 *   <li>An effect is material when the lower end of its 95 % Wald interval, {@code effect - 1.96
 *       se}, is at least {@code minEffect} (on the target's scale; 0.02 of a 0..1 target by
 *       default) and the effect is above 0: the interval clears the threshold. A NaN effect or
 *       standard error (not estimable) is not material.
 *   <li>Neither material: {@link KanoClass#INDIFFERENT} (no evidence that a bad or a great
 *       experience moves the target by {@code minEffect}).
 *   <li>Penalty material and {@code penalty >= ratio · reward}: {@link KanoClass#BASIC}; reward
 *       material and {@code reward >= ratio · penalty}: {@link KanoClass#EXCITEMENT} (negative
 *       effects count as 0 here).
 *   <li>Otherwise (both effects of comparable size, at least one material): {@link
 *       KanoClass#PERFORMANCE}.
 * </ol>
 *
 * @param minEffect smallest material effect, ≥ 0
 * @param ratio how many times larger one effect must be than the other to dominate, ≥ 1
 * @param minCount fewest responses in each box, ≥ 1
 */
public record KanoRule(double minEffect, double ratio, long minCount) {
  /** The normal quantile of a two-sided 95 % interval. */
  public static final double Z = 1.959963984540054;

  /** minEffect 0.02, ratio 2, minCount 30. */
  public static final KanoRule DEFAULT = new KanoRule(0.02, 2.0, 30);

  /** Validates the parameters. */
  public KanoRule {
    if (!(minEffect >= 0) || Double.isInfinite(minEffect)) {
      throw new IllegalArgumentException(
          "Cannot use Kano rule: minEffect must be >= 0: " + minEffect);
    }
    if (!(ratio >= 1) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("Cannot use Kano rule: ratio must be >= 1: " + ratio);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException(
          "Cannot use Kano rule: minCount must be >= 1: " + minCount);
    }
  }

  /** The same rule with another minimum count per box. */
  public KanoRule withMinCount(long count) {
    return new KanoRule(minEffect, ratio, count);
  }

  /**
   * The Kano class of a touchpoint.
   *
   * @param penalty the penalty (what the bottom box costs against the middle)
   * @param penaltySe its standard error
   * @param reward the reward (what the top box adds against the middle)
   * @param rewardSe its standard error
   * @param boxes responses in the bottom, middle and top box
   */
  public KanoClass classify(
      double penalty, double penaltySe, double reward, double rewardSe, long[] boxes) {
    for (long n : boxes) {
      if (n < minCount) {
        return KanoClass.INSUFFICIENT;
      }
    }
    boolean penaltyMaterial = material(penalty, penaltySe);
    boolean rewardMaterial = material(reward, rewardSe);
    if (!penaltyMaterial && !rewardMaterial) {
      return KanoClass.INDIFFERENT;
    }
    double pen = Double.isNaN(penalty) ? 0 : Math.max(0, penalty);
    double rew = Double.isNaN(reward) ? 0 : Math.max(0, reward);
    if (penaltyMaterial && pen >= ratio * rew) {
      return KanoClass.BASIC;
    }
    if (rewardMaterial && rew >= ratio * pen) {
      return KanoClass.EXCITEMENT;
    }
    return KanoClass.PERFORMANCE;
  }

  /** Whether the effect's 95 % interval lies above the threshold (and the effect above 0). */
  boolean material(double effect, double se) {
    return effect > 0 && effect - Z * se >= minEffect;
  }
}
