package io.cx.jobs.churn;

import java.io.Serializable;

/**
 * The sums one pass over the training rows gathers once the logistic regression is fitted: the
 * features' moments (for their means, covariance and MLlib's class-weighted standard deviations)
 * and, with {@code x~ = (1, x)}, {@code mu = sigmoid(b0 + b x)} and class weight w,
 *
 * <pre>
 *   H = sum w mu (1 - mu) x~ x~'          (the Hessian of the weighted log loss)
 *   G = sum w^2 (mu - y)^2 x~ x~'         (the outer products of the per-row scores)
 * </pre>
 *
 * from which {@link LogitFit} builds the sandwich covariance of the coefficients. Matrices keep
 * their upper triangle (row-major, {@code i <= j}) until {@link LogitFit#of}.
 */
final class LogitSums implements Serializable {
  private static final long serialVersionUID = 1L;

  final int p;
  long n;
  double weight;
  double weightSquared;
  final double[] sumX;
  final double[] sumXX;
  final double[] sumWX;
  final double[] sumWXX;
  final double[] hessian;
  final double[] scores;

  LogitSums(int p) {
    this.p = p;
    this.sumX = new double[p];
    this.sumXX = new double[p * p];
    this.sumWX = new double[p];
    this.sumWXX = new double[p];
    this.hessian = new double[(p + 1) * (p + 1)];
    this.scores = new double[(p + 1) * (p + 1)];
  }

  /** Adds one row: features x, label y (0/1), class weight w, at coefficients (b0, b). */
  void add(double[] x, double y, double w, double intercept, double[] beta) {
    double eta = intercept;
    for (int j = 0; j < p; j++) {
      eta += beta[j] * x[j];
    }
    double mu = Calibrator.sigmoid(eta);
    double v = w * mu * (1 - mu);
    double r = w * (mu - y);
    double r2 = r * r;
    n++;
    weight += w;
    weightSquared += w * w;
    int q = p + 1;
    hessian[0] += v;
    scores[0] += r2;
    for (int i = 0; i < p; i++) {
      double xi = x[i];
      sumX[i] += xi;
      sumWX[i] += w * xi;
      sumWXX[i] += w * xi * xi;
      hessian[i + 1] += v * xi;
      scores[i + 1] += r2 * xi;
      if (xi == 0) {
        continue;
      }
      int row = i * p;
      int rowQ = (i + 1) * q;
      double vxi = v * xi;
      double rxi = r2 * xi;
      for (int j = i; j < p; j++) {
        double xj = x[j];
        sumXX[row + j] += xi * xj;
        hessian[rowQ + j + 1] += vxi * xj;
        scores[rowQ + j + 1] += rxi * xj;
      }
    }
  }

  /** Adds another partition's sums; returns this. */
  LogitSums merge(LogitSums o) {
    n += o.n;
    weight += o.weight;
    weightSquared += o.weightSquared;
    PartitionFold.addInto(sumX, o.sumX);
    PartitionFold.addInto(sumXX, o.sumXX);
    PartitionFold.addInto(sumWX, o.sumWX);
    PartitionFold.addInto(sumWXX, o.sumWXX);
    PartitionFold.addInto(hessian, o.hessian);
    PartitionFold.addInto(scores, o.scores);
    return this;
  }
}
