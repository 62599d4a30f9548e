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
 *
 * <p>Standard errors, for the rule's intervals: {@code se(b_a)² = (s_yy - b' s_xy) [S_xx⁻¹]_aa /
 * (n_a - m - 1)}, with m the dummies in the regression and n_a the responses with both dummy a and
 * the target. With complete data and equal weights this is the classical OLS standard error
 * exactly; with pairwise-complete moments and unequal survey weights it is an approximation (n_a
 * counts responses, not effective responses).
 */
public final class PenaltyReward {
  /**
   * A touchpoint's penalty and reward with their standard errors, its box counts and its class.
   *
   * @param penalty minus the bottom-box coefficient
   * @param penaltySe its standard error
   * @param reward the top-box coefficient
   * @param rewardSe its standard error
   * @param boxes responses in the bottom, middle and top box
   * @param kanoClass the {@link KanoRule}'s class
   */
  public record Effect(
      double penalty,
      double penaltySe,
      double reward,
      double rewardSe,
      long[] boxes,
      KanoClass kanoClass) {}

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

  /**
   * Adds one answered score to a touchpoint's box counts: {@code boxes[3t]} bottom, {@code boxes[3t
   * + 1]} middle, {@code boxes[3t + 2]} top; a NaN score counts nowhere.
   */
  public static void count(double score, double lowMax, double highMin, long[] boxes, int t) {
    if (Double.isNaN(score)) {
      return;
    }
    boxes[3 * t + (score <= lowMax ? 0 : score >= highMin ? 2 : 1)]++;
  }

  /**
   * One {@link Effect} per touchpoint, in order, from moments over {@code [low_1, high_1, ...,
   * low_k, high_k, target]} and the box counts of the same responses ({@link #count}).
   *
   * @throws IllegalArgumentException when the layout is not 2k+1 variables, the target has no
   *     variance, or two estimable dummies share no rows (the pairwise system is then undefined)
   */
  public static List<Effect> fit(PairwiseMoments moments, KanoRule rule, long[] boxes) {
    int p = moments.size();
    if (p < 3 || p % 2 == 0) {
      throw new IllegalArgumentException(
          "Cannot fit penalty-reward: expected [low_1, high_1, ..., low_k, high_k, target], got "
              + p
              + " variables");
    }
    int y = p - 1;
    if (boxes.length != 3 * (y / 2)) {
      throw new IllegalArgumentException(
          "Cannot fit penalty-reward: expected 3 box counts per touchpoint ("
              + 3 * (y / 2)
              + "), got "
              + boxes.length);
    }
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
    double[] se = new double[y];
    Arrays.fill(coef, Double.NaN);
    Arrays.fill(se, Double.NaN);
    if (m > 0) {
      double[][] inverse = Spectral.of(r).pseudoInverse();
      double[] scaled = Spectral.multiply(inverse, rxy);
      double explained = 0;
      for (int u = 0; u < m; u++) {
        coef[used.get(u)] = scaled[u] / sd[u];
        explained += coef[used.get(u)] * s[used.get(u)][y];
      }
      double residual = Math.max(0, s[y][y] - explained);
      for (int u = 0; u < m; u++) {
        long df = moments.count(used.get(u), y) - m - 1;
        if (df > 0) {
          se[used.get(u)] = Math.sqrt(residual * inverse[u][u] / (sd[u] * sd[u]) / df);
        }
      }
    }
    List<Effect> effects = new ArrayList<>(y / 2);
    for (int t = 0; t < y / 2; t++) {
      double penalty = -coef[2 * t];
      double reward = coef[2 * t + 1];
      long[] box = Arrays.copyOfRange(boxes, 3 * t, 3 * t + 3);
      effects.add(
          new Effect(
              penalty,
              se[2 * t],
              reward,
              se[2 * t + 1],
              box,
              rule.classify(penalty, se[2 * t], reward, se[2 * t + 1], box)));
    }
    return List.copyOf(effects);
  }
}
