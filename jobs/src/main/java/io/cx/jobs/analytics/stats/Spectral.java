package io.cx.jobs.analytics.stats;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Eigendecomposition of a symmetric matrix (commons-math3) and the functions of it the driver
 * statistics need: the symmetric square root and the Moore-Penrose pseudo-inverse. Eigenvalues at
 * or below {@code tolerance() = max(n, 1) · 1e-12 · λ_max} count as zero (negative ones, from a
 * matrix that is not quite PSD, included): those directions carry no information.
 */
final class Spectral {
  private final int n;
  private final double[] values;
  private final double[][] vectors; // column k is the k-th eigenvector
  private final double tolerance;

  private Spectral(int n, double[] values, double[][] vectors) {
    this.n = n;
    this.values = values;
    this.vectors = vectors;
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    this.tolerance = Math.max(n, 1) * 1e-12 * max;
  }

  static Spectral of(double[][] symmetric) {
    int n = symmetric.length;
    RealMatrix m = new Array2DRowRealMatrix(symmetric, true);
    EigenDecomposition e = new EigenDecomposition(m);
    double[] values = e.getRealEigenvalues();
    double[][] vectors = e.getV().getData();
    return new Spectral(n, values, vectors);
  }

  double[] values() {
    return values.clone();
  }

  double minValue() {
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  /** V · diag(f(λ)) · V', with f applied to each eigenvalue. */
  double[][] apply(DoubleUnaryOperator f) {
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = f.applyAsDouble(values[k]);
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += vectors[i][k] * g[k] * vectors[j][k];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }

  /** The symmetric PSD square root, eigenvalues below tolerance set to 0. */
  double[][] sqrt() {
    return apply(v -> v > tolerance ? Math.sqrt(v) : 0.0);
  }

  /** The Moore-Penrose pseudo-inverse. */
  double[][] pseudoInverse() {
    return apply(v -> v > tolerance ? 1.0 / v : 0.0);
  }

  /** The pseudo-inverse of the symmetric square root. */
  double[][] inverseSqrt() {
    return apply(v -> v > tolerance ? 1.0 / Math.sqrt(v) : 0.0);
  }

  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += a[i][j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }
}
