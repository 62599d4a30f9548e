package io.cx.jobs.generate;

import java.util.List;

/** Ordinary least squares with an intercept, by the normal equations; small and test-only. */
final class LeastSquares {
  private LeastSquares() {}

  /** The coefficients of the columns of x (intercept dropped). */
  static double[] slopes(List<double[]> x, List<Double> y) {
    int k = x.get(0).length + 1;
    double[][] a = new double[k][k + 1];
    for (int i = 0; i < x.size(); i++) {
      double[] row = new double[k];
      row[0] = 1;
      System.arraycopy(x.get(i), 0, row, 1, k - 1);
      for (int p = 0; p < k; p++) {
        for (int q = 0; q < k; q++) {
          a[p][q] += row[p] * row[q];
        }
        a[p][k] += row[p] * y.get(i);
      }
    }
    for (int c = 0; c < k; c++) {
      int pivot = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < k; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int q = c; q <= k; q++) {
            a[r][q] -= f * a[c][q];
          }
        }
      }
    }
    double[] out = new double[k - 1];
    for (int j = 1; j < k; j++) {
      out[j - 1] = a[j][k] / a[j][j];
    }
    return out;
  }

  static double correlation(List<double[]> pairs) {
    double n = pairs.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (double[] p : pairs) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      syy += p[1] * p[1];
      sxy += p[0] * p[1];
    }
    double cov = sxy / n - sx / n * sy / n;
    return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  }
}
