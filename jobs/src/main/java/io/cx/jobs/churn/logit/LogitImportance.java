package io.cx.jobs.churn.logit;

import io.cx.jobs.analytics.stats.NormalDraws;
import io.cx.jobs.analytics.stats.PercentileInterval;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.importance.DriverEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;

/**
 * Driver importance from the logistic regression (method {@code logit}). A driver's importance is
 * the standard deviation, over the training rows, of the log-odds it contributes: {@code sqrt(b_g'
 * S_gg b_g)} over its features g with their covariance S. For a driver of one feature this is the
 * absolute standardised coefficient {@code |b_j| sd_j}; for a touchpoint it also counts its
 * not-answered indicator. Shares are over the reported drivers (touchpoints and metrics; the
 * outcomes and customer attributes are controls). Direction is the sign of the value feature's
 * coefficient.
 *
 * <p>Intervals: the shares are ratios of absolute values, where the delta method fails near zero;
 * so the coefficients are drawn {@code replicates} times from their asymptotic normal distribution,
 * N(b, sandwich covariance) ({@link LogitFit}), the shares recomputed for each draw, and the 2.5 %
 * and 97.5 % percentiles taken (a parametric bootstrap). Draws use {@code java.util.Random} with
 * the configured seed, so they repeat exactly.
 */
public final class LogitImportance {
  static final double LEVEL = 0.95;

  private LogitImportance() {}

  /**
   * The estimates of the reported drivers, in group order.
   *
   * @param performance per group, its mean score over the fit rows, or NaN
   */
  public static List<DriverEstimate> of(
      LogitFit fit, List<FeatureGroup> groups, double[] performance, int replicates, long seed) {
    double[] point = importances(fit.beta(), fit.covariance(), groups);
    double[] share = DriverEstimate.reportedShares(point, groups);
    double[][] draws = new double[groups.size()][replicates];
    RealMatrix root = NormalDraws.squareRoot(fit.betaCovariance());
    Random rnd = new Random(seed);
    int p = fit.beta().length;
    double[] z = new double[p];
    double[] b = new double[p];
    for (int r = 0; r < replicates; r++) {
      for (int j = 0; j < p; j++) {
        z[j] = rnd.nextGaussian();
      }
      double[] shift = root.operate(z);
      for (int j = 0; j < p; j++) {
        b[j] = fit.beta()[j] + shift[j];
      }
      double[] s = DriverEstimate.reportedShares(importances(b, fit.covariance(), groups), groups);
      for (int g = 0; g < s.length; g++) {
        draws[g][r] = s[g];
      }
    }
    List<DriverEstimate> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      FeatureGroup group = groups.get(g);
      if (!group.reported()) {
        continue;
      }
      PercentileInterval ci = PercentileInterval.of(draws[g], LEVEL);
      Integer direction = null;
      if (group.valueFeature() >= 0) {
        direction = fit.beta()[group.valueFeature()] < 0 ? -1 : 1;
      }
      int indicator = group.indicator();
      long nDriver = indicator < 0 ? fit.n() : Math.round(fit.n() * (1 - fit.mean()[indicator]));
      out.add(
          new DriverEstimate(
              group,
              point[g],
              share[g],
              ci.low(),
              ci.high(),
              ci.used(),
              waldPValue(fit, group.features()),
              null,
              direction,
              Double.isNaN(performance[g]) ? null : performance[g],
              fit.n(),
              nDriver,
              null));
    }
    return out;
  }

  /**
   * The p-value of the Wald test that a driver's coefficients (its value and not-answered
   * indicator) are all 0: {@code b_f' V_ff^-1 b_f} against chi-squared with |f| degrees of freedom,
   * V the (clustered) sandwich covariance. Features without variance (coefficient fixed at 0) are
   * left out; null when none is left or V_ff is singular.
   */
  static Double waldPValue(LogitFit fit, int[] features) {
    int[] active = Arrays.stream(features).filter(j -> fit.se(j) > 0).toArray();
    if (active.length == 0) {
      return null;
    }
    double[][] v = new double[active.length][active.length];
    double[] b = new double[active.length];
    for (int i = 0; i < active.length; i++) {
      b[i] = fit.beta()[active[i]];
      for (int k = 0; k < active.length; k++) {
        v[i][k] = fit.betaCovariance()[active[i]][active[k]];
      }
    }
    DecompositionSolver solver =
        new LUDecomposition(new Array2DRowRealMatrix(v, false)).getSolver();
    if (!solver.isNonSingular()) {
      return null;
    }
    double[] vb = solver.solve(new ArrayRealVector(b)).toArray();
    double chi2 = 0;
    for (int i = 0; i < b.length; i++) {
      chi2 += b[i] * vb[i];
    }
    // The chi-squared survival function, accurate for tiny p-values too.
    return Gamma.regularizedGammaQ(active.length / 2.0, Math.max(0, chi2) / 2);
  }

  /** sqrt(b_g' S_gg b_g) for every group. */
  public static double[] importances(double[] beta, double[][] cov, List<FeatureGroup> groups) {
    double[] out = new double[groups.size()];
    for (int g = 0; g < out.length; g++) {
      int[] f = groups.get(g).features();
      double v = 0;
      for (int i : f) {
        for (int j : f) {
          v += beta[i] * cov[i][j] * beta[j];
        }
      }
      out[g] = Math.sqrt(Math.max(0, v));
    }
    return out;
  }
}
