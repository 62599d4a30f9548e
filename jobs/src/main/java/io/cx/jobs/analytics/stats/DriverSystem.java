package io.cx.jobs.analytics.stats;

/**
 * A correlation matrix split into the drivers' block {@code rxx} and their correlations with the
 * target {@code rxy}, after checking that the matrix is square, symmetric and finite. The driver
 * order is that of the matrix with the target row left out.
 */
record DriverSystem(int[] drivers, double[][] rxx, double[] rxy) {

  /** Symmetry tolerance on the input matrix. */
  private static final double SYMMETRY_TOLERANCE = 1e-9;

  static DriverSystem of(double[][] corr, int target, String method) {
    int n = corr.length;
    if (n < 2) {
      throw new IllegalArgumentException(
          "Cannot compute "
              + method
              + ": need a target and at least one driver, got a "
              + n
              + "x"
              + n
              + " matrix");
    }
    if (target < 0 || target >= n) {
      throw new IllegalArgumentException(
          "Cannot compute " + method + ": target " + target + " outside [0, " + n + ")");
    }
    for (int i = 0; i < n; i++) {
      if (corr[i].length != n) {
        throw new IllegalArgumentException(
            "Cannot compute " + method + ": matrix is not square (row " + i + ")");
      }
      for (int j = 0; j < n; j++) {
        double v = corr[i][j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "Cannot compute "
                  + method
                  + ": entry ["
                  + i
                  + "]["
                  + j
                  + "] is "
                  + v
                  + " (a pair without data? drop that variable first)");
        }
        if (Math.abs(v - corr[j][i]) > SYMMETRY_TOLERANCE) {
          throw new IllegalArgumentException(
              "Cannot compute " + method + ": matrix is not symmetric at [" + i + "][" + j + "]");
        }
      }
    }
    int p = n - 1;
    int[] drivers = new int[p];
    for (int a = 0, i = 0; i < n; i++) {
      if (i != target) {
        drivers[a++] = i;
      }
    }
    double[][] rxx = new double[p][p];
    double[] rxy = new double[p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        // Average the two triangles so that the block is exactly symmetric.
        rxx[a][b] = 0.5 * (corr[drivers[a]][drivers[b]] + corr[drivers[b]][drivers[a]]);
      }
      rxy[a] = 0.5 * (corr[drivers[a]][target] + corr[target][drivers[a]]);
    }
    return new DriverSystem(drivers, rxx, rxy);
  }

  int size() {
    return drivers.length;
  }
}
