package io.cx.jobs.analytics.stats;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Draws from a multivariate normal N(mean, covariance): {@code mean + L z}, z standard normal from
 * {@code java.util.Random} with a fixed seed (so a re-run draws the same values) and L a square
 * root of the covariance from its eigen-decomposition (eigenvalues below 0, from rounding, set to
 * 0; a singular covariance is fine).
 */
public final class NormalDraws {
  private NormalDraws() {}

  /** {@code draws} vectors from N(mean, covariance), one per row. */
  public static double[][] of(double[] mean, double[][] covariance, int draws, long seed) {
    int p = mean.length;
    RealMatrix l = squareRoot(covariance);
    Random rnd = new Random(seed);
    double[][] out = new double[draws][p];
    double[] z = new double[p];
    for (int r = 0; r < draws; r++) {
      for (int j = 0; j < p; j++) {
        z[j] = rnd.nextGaussian();
      }
      for (int i = 0; i < p; i++) {
        double v = mean[i];
        for (int j = 0; j < p; j++) {
          v += l.getEntry(i, j) * z[j];
        }
        out[r][i] = v;
      }
    }
    return out;
  }

  /** A matrix L with L L' = c (c symmetrised; eigenvalues below 0, from rounding, set to 0). */
  public static RealMatrix squareRoot(double[][] c) {
    int p = c.length;
    if (p == 0) {
      return new Array2DRowRealMatrix(0, 0);
    }
    double[][] sym = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        sym[i][k] = 0.5 * (c[i][k] + c[k][i]);
      }
    }
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(sym, false));
    RealMatrix v = e.getV();
    double[] values = e.getRealEigenvalues();
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        l[i][k] = v.getEntry(i, k) * Math.sqrt(Math.max(0, values[k]));
      }
    }
    return new Array2DRowRealMatrix(l, false);
  }
}
