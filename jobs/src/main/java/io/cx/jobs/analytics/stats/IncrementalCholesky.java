package io.cx.jobs.analytics.stats;

/**
 * R² of the regression of the target on a growing set of drivers, from their correlations: a
 * Cholesky factor {@code L} of {@code R_SS} extended by one row per added driver, and {@code z =
 * L⁻¹ r_Sy}, so that {@code R²(S) = z'z = r_Sy' R_SS⁻¹ r_Sy}. Adding driver j costs one triangular
 * solve, O(|S|²); a walk along an ordering of p drivers costs O(p³/3). Used by sampled {@link Lmg}.
 *
 * <p>A driver whose residual variance given the drivers already in S is at most {@link
 * #COLLINEAR_TOLERANCE} of its own variance is a linear combination of them: it is not added to the
 * factor and leaves R² unchanged. For a PSD matrix that is the R² given by the Moore-Penrose
 * pseudo-inverse of a singular {@code R_SS}, i.e. the R² of the least-squares fit.
 */
final class IncrementalCholesky {
  /** Relative residual variance at or below which an added driver counts as collinear. */
  static final double COLLINEAR_TOLERANCE = 1e-10;

  private final double[][] rxx;
  private final double[] rxy;
  private final double[][] lower; // row t: the factor's row for the t-th kept driver
  private final double[] inverseDiagonal;
  private final double[] z;
  private final int[] kept;
  private int rows;
  private double r2;

  IncrementalCholesky(double[][] rxx, double[] rxy) {
    int p = rxy.length;
    this.rxx = rxx;
    this.rxy = rxy;
    this.lower = new double[p][p];
    this.inverseDiagonal = new double[p];
    this.z = new double[p];
    this.kept = new int[p];
  }

  /** Adds driver j (not already in the set) and returns the new R². */
  double push(int j) {
    double[] row = lower[rows];
    double[] rj = rxx[j];
    double residual = rj[j];
    double numerator = rxy[j];
    for (int t = 0; t < rows; t++) {
      double[] lt = lower[t];
      double s = rj[kept[t]];
      for (int u = 0; u < t; u++) {
        s -= lt[u] * row[u];
      }
      double l = s * inverseDiagonal[t];
      row[t] = l;
      residual -= l * l;
      numerator -= l * z[t];
    }
    if (residual > COLLINEAR_TOLERANCE * rj[j]) {
      double d = Math.sqrt(residual);
      row[rows] = d;
      inverseDiagonal[rows] = 1.0 / d;
      z[rows] = numerator / d;
      kept[rows] = j;
      r2 += z[rows] * z[rows];
      rows++;
    }
    return r2;
  }

  /** Removes every driver. */
  void reset() {
    rows = 0;
    r2 = 0;
  }
}
