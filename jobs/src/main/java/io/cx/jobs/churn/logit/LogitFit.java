package io.cx.jobs.churn.logit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The fitted logistic regression with its uncertainty. MLlib minimises, with class weights w and W
 * = sum w,
 *
 * <pre>
 *   (1/W) sum_i w_i logloss_i + (lambda/2) sum_j (b_j s_j)^2
 * </pre>
 *
 * where s_j is the class-weighted standard deviation of feature j (standardisation: the penalty
 * falls on the standardised coefficients). Multiplied by W, its Hessian is {@code H + W lambda
 * diag(0, s^2)}, and the coefficients' covariance is the sandwich {@code A^-1 G A^-1} with A that
 * penalised Hessian and G the outer product of the per-row scores.
 *
 * <p>Why the sandwich rather than the inverse Hessian alone: with class weights the weighted log
 * loss is not the log likelihood of the sample, so the inverse Hessian misstates the variance; the
 * sandwich (Huber-White) estimate is right for weighted M-estimation and robust to a misspecified
 * link. Why not a refitting bootstrap: each refit is a distributed L-BFGS run, and the sandwich
 * comes from one pass over the rows. Features with zero variance (MLlib gives them a zero
 * coefficient) are left out of the inversion and get zero variance.
 *
 * @param intercept b0
 * @param beta coefficients on the original feature scale
 * @param n rows
 * @param mean feature means
 * @param covariance feature covariance (divisor n - 1)
 * @param betaCovariance sandwich covariance of beta (p x p)
 */
public record LogitFit(
    double intercept,
    double[] beta,
    long n,
    double[] mean,
    double[][] covariance,
    double[][] betaCovariance) {

  /** Standard deviation of feature j. */
  public double sd(int j) {
    return Math.sqrt(Math.max(0, covariance[j][j]));
  }

  /** Standard error of coefficient j. */
  public double se(int j) {
    return Math.sqrt(Math.max(0, betaCovariance[j][j]));
  }

  /**
   * @param s the pass's sums, taken at (intercept, beta)
   * @param regParam MLlib's regParam (L2, on standardised coefficients)
   */
  public static LogitFit of(LogitSums s, double intercept, double[] beta, double regParam) {
    int p = s.p;
    int q = p + 1;
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      mean[j] = s.n == 0 ? 0 : s.sumX[j] / s.n;
    }
    double[][] cov = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        double c = s.n < 2 ? 0 : (s.sumXX[i * p + j] - s.n * mean[i] * mean[j]) / (s.n - 1);
        cov[i][j] = c;
        cov[j][i] = c;
      }
    }
    double[] weightedVar = LogitNewton.weightedVariance(s);
    int active = 1;
    int[] index = new int[q];
    index[0] = 0;
    for (int j = 0; j < p; j++) {
      if (weightedVar[j] > 0) {
        index[active++] = j + 1;
      }
    }
    double[][] a = new double[active][active];
    double[][] g = new double[active][active];
    for (int u = 0; u < active; u++) {
      for (int v = u; v < active; v++) {
        int i = Math.min(index[u], index[v]);
        int j = Math.max(index[u], index[v]);
        a[u][v] = s.hessian[i * q + j];
        a[v][u] = a[u][v];
        g[u][v] = s.scores[i * q + j];
        g[v][u] = g[u][v];
      }
      if (u > 0) {
        a[u][u] += s.weight * regParam * weightedVar[index[u] - 1];
      }
    }
    RealMatrix inverse =
        new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().getInverse();
    RealMatrix sandwich = inverse.multiply(new Array2DRowRealMatrix(g, false)).multiply(inverse);
    double[][] betaCov = new double[p][p];
    for (int u = 1; u < active; u++) {
      for (int v = 1; v < active; v++) {
        betaCov[index[u] - 1][index[v] - 1] = sandwich.getEntry(u, v);
      }
    }
    return new LogitFit(intercept, beta.clone(), s.n, mean, cov, betaCov);
  }
}
