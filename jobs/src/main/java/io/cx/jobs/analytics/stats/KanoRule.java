package io.cx.jobs.analytics.stats;

/**
 * The rule that turns a touchpoint's penalty and reward into a {@link KanoClass}. An effect is
 * material when it is above 0 and at least {@code minEffect} (on the target's scale; 0.02 of a 0..1
 * target by default); negative effects and NaN (not estimable) count as 0. Then, in order:
 *
 * <ol>
 *   <li>neither material: {@link KanoClass#INDIFFERENT};
 *   <li>penalty material and {@code penalty >= ratio · reward}: {@link KanoClass#BASIC};
 *   <li>reward material and {@code reward >= ratio · penalty}: {@link KanoClass#EXCITEMENT};
 *   <li>otherwise (both effects of comparable size, at least one material): {@link
 *       KanoClass#PERFORMANCE}.
 * </ol>
 *
 * The last case also takes the one-material-but-not-dominant case (penalty 0.03, reward 0.019 at
 * the defaults): the two effects are of similar size, which is what a performance attribute is.
 *
 * @param minEffect smallest material effect, ≥ 0
 * @param ratio how many times larger one effect must be than the other to dominate, ≥ 1
 */
public record KanoRule(double minEffect, double ratio) {
  /** minEffect 0.02, ratio 2. */
  public static final KanoRule DEFAULT = new KanoRule(0.02, 2.0);

  /** Validates the parameters. */
  public KanoRule {
    if (!(minEffect >= 0) || Double.isInfinite(minEffect)) {
      throw new IllegalArgumentException(
          "Cannot use Kano rule: minEffect must be >= 0: " + minEffect);
    }
    if (!(ratio >= 1) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("Cannot use Kano rule: ratio must be >= 1: " + ratio);
    }
  }

  /** The Kano class of a touchpoint with this penalty and reward. */
  public KanoClass classify(double penalty, double reward) {
    double pen = Double.isNaN(penalty) ? 0 : Math.max(0, penalty);
    double rew = Double.isNaN(reward) ? 0 : Math.max(0, reward);
    boolean penaltyMaterial = pen >= minEffect && pen > 0;
    boolean rewardMaterial = rew >= minEffect && rew > 0;
    if (!penaltyMaterial && !rewardMaterial) {
      return KanoClass.INDIFFERENT;
    }
    if (penaltyMaterial && pen >= ratio * rew) {
      return KanoClass.BASIC;
    }
    if (rewardMaterial && rew >= ratio * pen) {
      return KanoClass.EXCITEMENT;
    }
    return KanoClass.PERFORMANCE;
  }
}
