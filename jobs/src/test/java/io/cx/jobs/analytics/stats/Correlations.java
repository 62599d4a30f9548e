package io.cx.jobs.analytics.stats;

import java.util.Random;

/** Correlation matrices for tests: random valid ones, identity, and R² by direct solve. */
final class Correlations {
  private Correlations() {}

  static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** The drivers' matrix {@code rxx} with a target row/column appended last. */
  static double[][] withTarget(double[][] rxx, double[] rxy) {
    int p = rxy.length;
    double[][] m = new double[p + 1][p + 1];
    for (int i = 0; i < p; i++) {
      System.arraycopy(rxx[i], 0, m[i], 0, p);
      m[i][p] = rxy[i];
      m[p][i] = rxy[i];
    }
    m[p][p] = 1;
    return m;
  }

  /**
   * A random positive definite correlation matrix: that of three common factors with loadings
   * uniform in ±{@code strength} plus a specific variance of 0.5 for every variable.
   */
  static double[][] random(int n, double strength, Random random) {
    int factors = 3;
    double[][] load = new double[n][factors];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < factors; f++) {
        load[i][f] = (random.nextDouble() * 2 - 1) * strength;
      }
    }
    double[][] cov = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (int f = 0; f < factors; f++) {
          s += load[i][f] * load[j][f];
        }
        cov[i][j] = s;
      }
    }
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      }
    }
    return corr;
  }

  /** R² of the target on all other variables by Gaussian elimination (a test oracle). */
  static double rSquared(double[][] corr, int target) {
    DriverSystem s = DriverSystem.of(corr, target, "test");
    int p = s.size();
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < p; i++) {
      System.arraycopy(s.rxx()[i], 0, a[i], 0, p);
      a[i][p] = s.rxy()[i];
    }
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < p; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k <= p; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double r2 = 0;
    for (int i = 0; i < p; i++) {
      r2 += s.rxy()[i] * a[i][p] / a[i][i];
    }
    return r2;
  }
}
