package io.cx.jobs.analytics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Penalty-reward analysis: the Kano class of each touchpoint from a dummy-variable regression of
 * the target on, per touchpoint, a bottom-box dummy and a top-box dummy (the middle of the scale is
 * the reference). {@code penalty = -coef(low)} is what a bad experience costs against a middling
 * one, {@code reward = coef(high)} what a great one adds; {@link KanoRule} turns the two into a
 * {@link KanoClass}.
 *
 * <p>The regression is fitted from a {@link PairwiseMoments} over the variables {@code [low_1,
 * high_1, ..., low_k, high_k, target]} (fill each row with {@link #encode}), so the job gets it
 * from the same single pass as the other statistics: OLS slopes {@code b = S_xx⁻¹ S_xy} from the
 * pairwise-complete covariance matrix S (the intercept is not needed). A touchpoint that is missing
 * leaves both its dummies missing. The system is solved on the correlation scale with a
 * pseudo-inverse, so exact collinearity does not fail.
 *
 * <p>A dummy that cannot be estimated (fewer than 2 rows, or no variation: nobody ticked the bottom
 * box, say) is left out of the regression and its effect is NaN, which the rule reads as not
 * material.
 */
public final class PenaltyReward {
  /** A touchpoint's penalty, reward and resulting class. */
  public record Effect(double penalty, double reward, KanoClass kanoClass) {}

  private PenaltyReward() {}

  /**
   * Writes one touchpoint's dummies into a row: {@code row[2t] = score <= lowMax ? 1 : 0}, {@code
   * row[2t + 1] = score >= highMin ? 1 : 0}, both NaN when the score is NaN (missing).
   */
  public static void encode(double score, double lowMax, double highMin, double[] row, int t) {
    if (!(lowMax < highMin)) {
      throw new IllegalArgumentException(
          "Cannot encode penalty-reward dummies: lowMax "
              + lowMax
              + " must be < highMin "
              + highMin);
    }
    boolean missing = Double.isNaN(score);
    row[2 * t] = missing ? Double.NaN : score <= lowMax ? 1.0 : 0.0;
    row[2 * t + 1] = missing ? Double.NaN : score >= highMin ? 1.0 : 0.0;
  }

  /** Fits with {@link KanoRule#DEFAULT}. */
  public static List<Effect> fit(PairwiseMoments moments) {
    return fit(moments, KanoRule.DEFAULT);
  }

  /**
   * One {@link Effect} per touchpoint, in order, from moments over {@code [low_1, high_1, ...,
   * low_k, high_k, target]}.
   *
   * @throws IllegalArgumentException when the layout is not 2k+1 variables, the target has no
   *     variance, or two estimable dummies share no rows (the pairwise system is then undefined)
   */
  public static List<Effect> fit(PairwiseMoments moments, KanoRule rule) {
    int p = moments.size();
    if (p < 3 || p % 2 == 0) {
      throw new IllegalArgumentException(
          "Cannot fit penalty-reward: expected [low_1, high_1, ..., low_k, high_k, target], got "
              + p
              + " variables");
    }
    int y = p - 1;
    double[][] s = moments.covarianceMatrix();
    if (!(s[y][y] > 0)) {
      throw new IllegalArgumentException(
          "Cannot fit penalty-reward: the target has no variance (" + s[y][y] + ")");
    }
    List<Integer> used = new ArrayList<>();
    for (int a = 0; a < y; a++) {
      if (s[a][a] > 0 && Double.isFinite(s[a][y])) {
        used.add(a);
      }
    }
    int m = used.size();
    double[][] r = new double[m][m];
    double[] rxy = new double[m];
    double[] sd = new double[m];
    for (int u = 0; u < m; u++) {
      sd[u] = Math.sqrt(s[used.get(u)][used.get(u)]);
    }
    for (int u = 0; u < m; u++) {
      int a = used.get(u);
      for (int v = 0; v < m; v++) {
        int b = used.get(v);
        if (!Double.isFinite(s[a][b])) {
          throw new IllegalArgumentException(
              "Cannot fit penalty-reward: dummies " + a + " and " + b + " share no rows");
        }
        r[u][v] = s[a][b] / (sd[u] * sd[v]);
      }
      rxy[u] = s[a][y] / sd[u];
    }
    double[] coef = new double[y];
    Arrays.fill(coef, Double.NaN);
    if (m > 0) {
      double[] scaled = Spectral.multiply(Spectral.of(r).pseudoInverse(), rxy);
      for (int u = 0; u < m; u++) {
        coef[used.get(u)] = scaled[u] / sd[u];
      }
    }
    List<Effect> effects = new ArrayList<>(y / 2);
    for (int t = 0; t < y / 2; t++) {
      double penalty = -coef[2 * t];
      double reward = coef[2 * t + 1];
      effects.add(new Effect(penalty, reward, rule.classify(penalty, reward)));
    }
    return List.copyOf(effects);
  }
}
