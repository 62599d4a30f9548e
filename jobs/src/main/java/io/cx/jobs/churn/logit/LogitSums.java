package io.cx.jobs.churn.logit;

import io.cx.jobs.churn.calibration.Calibrator;
import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;

/**
 * The sums one pass over the training rows gathers at given coefficients: the features' moments
 * (for their means, covariance and class-weighted standard deviations) and, with {@code x~ = (1,
 * x)}, {@code mu = sigmoid(b0 + b x)} and class weight w,
 *
 * <pre>
 *   L = sum w [log(1 + e^eta) - y eta]    (the weighted log loss)
 *   g = sum w (mu - y) x~                 (its gradient)
 *   H = sum w mu (1 - mu) x~ x~'          (its Hessian)
 *   G = sum w^2 (mu - y)^2 x~ x~'         (the outer products of the per-row scores; optional)
 * </pre>
 *
 * or, by customer ({@link #addToCluster} and {@link #endCluster}), {@code G = sum_c s_c s_c'} with
 * {@code s_c = sum over the customer's rows of w (mu - y) x~}: the cluster-robust sandwich, since
 * the responses of one customer are not independent. With one row per customer both are the same.
 *
 * <p>{@link LogitNewton} iterates on L, g and H; {@link LogitFit} builds the sandwich covariance
 * from H and G. Matrices keep their upper triangle (row-major, {@code i <= j}).
 */
public final class LogitSums implements Serializable {
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
  final double[] gradient;
  final boolean withScores;
  double loss;

  public LogitSums(int p) {
    this(p, true);
  }

  /** Sums over p features; G only {@code withScores}. */
  public LogitSums(int p, boolean withScores) {
    this.p = p;
    this.withScores = withScores;
    this.gradient = new double[p + 1];
    this.sumX = new double[p];
    this.sumXX = new double[p * p];
    this.sumWX = new double[p];
    this.sumWXX = new double[p];
    this.hessian = new double[(p + 1) * (p + 1)];
    this.scores = new double[(p + 1) * (p + 1)];
  }

  /**
   * Adds one row of a customer (made without row-wise scores, {@code withScores} false) and its
   * score {@code w (mu - y) x~} to the customer's running score vector (length p + 1).
   */
  public void addToCluster(
      double[] x, double y, double w, double intercept, double[] beta, double[] clusterScore) {
    double r = add(x, y, w, intercept, beta);
    clusterScore[0] += r;
    for (int j = 0; j < p; j++) {
      clusterScore[j + 1] += r * x[j];
    }
  }

  /** Adds a customer's score outer product {@code s s'} to G and clears s. */
  public void endCluster(double[] clusterScore) {
    int q = p + 1;
    for (int u = 0; u < q; u++) {
      double su = clusterScore[u];
      if (su == 0) {
        continue;
      }
      for (int v = u; v < q; v++) {
        scores[u * q + v] += su * clusterScore[v];
      }
    }
    java.util.Arrays.fill(clusterScore, 0);
  }

  /**
   * Adds one row: features x, label y (0/1), class weight w, at coefficients (b0, b).
   *
   * @return the row's score factor w (mu - y)
   */
  public double add(double[] x, double y, double w, double intercept, double[] beta) {
    double eta = intercept;
    for (int j = 0; j < p; j++) {
      eta += beta[j] * x[j];
    }
    double mu = Calibrator.sigmoid(eta);
    double v = w * mu * (1 - mu);
    double r = w * (mu - y);
    double r2 = withScores ? r * r : 0;
    loss +=
        w * ((eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y * eta);
    gradient[0] += r;
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
      gradient[i + 1] += r * xi;
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
      }
      if (withScores) {
        for (int j = i; j < p; j++) {
          scores[rowQ + j + 1] += rxi * x[j];
        }
      }
    }
    return r;
  }

  /** Adds another partition's sums; returns this. */
  public LogitSums merge(LogitSums o) {
    n += o.n;
    loss += o.loss;
    PartitionFold.addInto(gradient, o.gradient);
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
