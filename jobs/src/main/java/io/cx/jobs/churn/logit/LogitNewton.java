package io.cx.jobs.churn.logit;

import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits the churn logistic regression by Newton's method: minimises MLlib's objective for a
 * class-weighted, L2-penalised, standardised logistic regression,
 *
 * <pre>
 *   (1/W) sum_i w_i logloss_i + (lambda/2) sum_j (b_j s_j)^2
 * </pre>
 *
 * (s_j the class-weighted standard deviation of feature j, the intercept unpenalised), so its
 * solution is MLlib's {@code LogisticRegression} with {@code standardization=true}, {@code
 * elasticNetParam=0} and a weight column, to the optimiser's tolerance (tested).
 *
 * <p>Why not MLlib's fit: its L-BFGS reaches the same optimum but not the same last bits from one
 * JVM to the next on identical input, which breaks "same inputs and config give the same metrics to
 * the last digit"; these iterations only use {@link LogitSums} merged in partition order, so they
 * repeat exactly. With a few tens of features each pass costs little more than a gradient pass, and
 * Newton needs about 5 to 10 of them where L-BFGS needs tens. Each step is solved in standardised
 * coordinates (SVD, so a singular system still gives the minimum-norm step) and halved while the
 * objective does not decrease. Features with zero variance keep a coefficient of 0, as in MLlib.
 */
public final class LogitNewton {
  /** Converged when no standardised coefficient moves by more than this. */
  static final double TOLERANCE = 1e-10;

  private LogitNewton() {}

  /**
   * The solution.
   *
   * @param intercept b0
   * @param beta coefficients on the original feature scale
   * @param iterations Newton steps taken
   */
  public record Solution(double intercept, double[] beta, int iterations) {}

  /**
   * @param p number of features
   * @param regParam lambda
   * @param maxIterations most Newton steps
   * @param pass the sums over the rows at coefficients {@code [b0, b_1..b_p]} (G not needed)
   */
  public static Solution fit(
      int p, double regParam, int maxIterations, Function<double[], LogitSums> pass) {
    double[] coef = new double[p + 1];
    LogitSums s = pass.apply(coef);
    double[] var = weightedVariance(s);
    // Start from the intercept of the class-weighted base rate: sum w y = W/2 - g_0 at coef 0.
    double wy = s.weight / 2 - s.gradient[0];
    if (wy > 0 && wy < s.weight) {
      coef[0] = Math.log(wy / (s.weight - wy));
      s = pass.apply(coef);
    }
    double obj = objective(s, coef, var, regParam);
    int iterations = 0;
    while (iterations < maxIterations) {
      double[] step = step(s, coef, var, regParam);
      iterations++;
      double t = 1;
      double[] next = null;
      LogitSums ns = null;
      double nobj = Double.NaN;
      while (t > 1e-8) {
        next = coef.clone();
        for (int j = 0; j <= p; j++) {
          next[j] += t * step[j];
        }
        ns = pass.apply(next);
        nobj = objective(ns, next, var, regParam);
        if (nobj <= obj) {
          break;
        }
        t /= 2;
      }
      if (!(nobj <= obj)) {
        break;
      }
      double moved = 0;
      for (int j = 0; j <= p; j++) {
        double scale = j == 0 ? 1 : Math.sqrt(var[j - 1]);
        moved = Math.max(moved, Math.abs(t * step[j]) * scale);
      }
      coef = next;
      s = ns;
      obj = nobj;
      if (moved < TOLERANCE) {
        break;
      }
    }
    double[] beta = new double[p];
    System.arraycopy(coef, 1, beta, 0, p);
    return new Solution(coef[0], beta, iterations);
  }

  /** MLlib's standardisation: the unbiased weighted variance with reliability weights. */
  static double[] weightedVariance(LogitSums s) {
    double[] var = new double[s.p];
    double denominator = s.weight - s.weightSquared / s.weight;
    for (int j = 0; j < s.p; j++) {
      double wm = s.sumWX[j] / s.weight;
      double m2 = s.sumWXX[j] - s.weight * wm * wm;
      var[j] = denominator > 0 ? Math.max(0, m2 / denominator) : 0;
    }
    return var;
  }

  /** W times MLlib's objective. */
  private static double objective(LogitSums s, double[] coef, double[] var, double lambda) {
    double penalty = 0;
    for (int j = 0; j < s.p; j++) {
      penalty += var[j] * coef[j + 1] * coef[j + 1];
    }
    return s.loss + s.weight * lambda / 2 * penalty;
  }

  /** The Newton step over the active coefficients (intercept and features with variance). */
  private static double[] step(LogitSums s, double[] coef, double[] var, double lambda) {
    int p = s.p;
    int q = p + 1;
    int[] index = new int[q];
    int active = 0;
    index[active++] = 0;
    for (int j = 0; j < p; j++) {
      if (var[j] > 0) {
        index[active++] = j + 1;
      }
    }
    double[][] a = new double[active][active];
    double[] g = new double[active];
    double[] d = new double[active];
    for (int u = 0; u < active; u++) {
      int i = index[u];
      d[u] = i == 0 ? 1 : Math.sqrt(var[i - 1]);
      g[u] = s.gradient[i] + (i == 0 ? 0 : s.weight * lambda * var[i - 1] * coef[i]);
    }
    for (int u = 0; u < active; u++) {
      for (int v = u; v < active; v++) {
        int i = Math.min(index[u], index[v]);
        int j = Math.max(index[u], index[v]);
        double h = s.hessian[i * q + j];
        if (u == v && index[u] > 0) {
          h += s.weight * lambda * var[index[u] - 1];
        }
        // Standardised coordinates: D H D and D g, so the system is well scaled.
        a[u][v] = h / (d[u] * d[v]);
        a[v][u] = a[u][v];
      }
    }
    double[] gs = new double[active];
    for (int u = 0; u < active; u++) {
      gs[u] = -g[u] / d[u];
    }
    double[] z =
        new SingularValueDecomposition(new Array2DRowRealMatrix(a, false))
            .getSolver()
            .solve(new ArrayRealVector(gs, false))
            .toArray();
    double[] step = new double[q];
    for (int u = 0; u < active; u++) {
      step[index[u]] = z[u] / d[u];
    }
    return step;
  }
}
