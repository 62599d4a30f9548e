package io.cx.jobs.analytics.stats;

/**
 * R² of the regression of the target on every subset of the drivers, {@code R²(S) = r_Sy' R_SS⁻¹
 * r_Sy}, indexed by bit mask: the work of exact {@link Lmg}.
 *
 * <p>One depth-first walk adds drivers in increasing index order, extending a Cholesky factor of
 * {@code R_SS} by one row per step. Row t of the forward solve {@code L l_j = r_Sj} depends only on
 * the first t drivers of S, so every candidate j carries its partial solve down the walk and a step
 * adds one component to it (a dot product of length |S|) instead of redoing the whole triangular
 * solve: about {@code 2^p · p/2} multiply-adds in all, against {@code 2^p · p²/8}. With the solve
 * come j's residual variance given S and its residual covariance with the target, hence {@code R²(S
 * ∪ {j}) = R²(S) + num_j² / resid_j}.
 *
 * <p>Collinearity is handled as in {@link IncrementalCholesky}: a driver whose residual variance is
 * at most {@link IncrementalCholesky#COLLINEAR_TOLERANCE} of its variance adds no row and no R²
 * (the pseudo-inverse solution).
 */
final class SubsetRSquared {
  private final double[][] rxx;
  private final int p;
  private final double[][] solve; // solve[j][t]: component t of j's forward solve against S
  private final double[][] residual; // residual[t][j]: j's residual variance given t kept drivers
  private final double[][] numerator; // numerator[t][j]: j's residual covariance with the target
  private final double[] r2;

  private SubsetRSquared(double[][] rxx, double[] rxy) {
    this.rxx = rxx;
    this.p = rxy.length;
    this.solve = new double[p][p];
    this.residual = new double[p + 1][p];
    this.numerator = new double[p + 1][p];
    this.r2 = new double[1 << p];
    for (int j = 0; j < p; j++) {
      residual[0][j] = rxx[j][j];
      numerator[0][j] = rxy[j];
    }
  }

  /** R² of every subset; entry {@code mask} is the R² of the drivers whose bits are set. */
  static double[] of(double[][] rxx, double[] rxy) {
    SubsetRSquared s = new SubsetRSquared(rxx, rxy);
    s.visit(0, 0, 0, 0.0);
    return s.r2;
  }

  /** Visits the children of subset {@code mask} (whose factor has {@code kept} rows). */
  private void visit(int mask, int start, int kept, double base) {
    double[] res = residual[kept];
    double[] num = numerator[kept];
    for (int m = start; m < p; m++) {
      int child = mask | (1 << m);
      double rm = res[m];
      if (!(rm > IncrementalCholesky.COLLINEAR_TOLERANCE * rxx[m][m])) {
        r2[child] = base;
        visit(child, m + 1, kept, base);
        continue;
      }
      double inverse = 1.0 / Math.sqrt(rm);
      double z = num[m] * inverse;
      double value = base + z * z;
      r2[child] = value;
      if (m + 1 == p) {
        continue;
      }
      double[] lm = solve[m];
      double[] row = rxx[m];
      double[] res1 = residual[kept + 1];
      double[] num1 = numerator[kept + 1];
      for (int j = m + 1; j < p; j++) {
        double[] lj = solve[j];
        double s = row[j];
        for (int t = 0; t < kept; t++) {
          s -= lm[t] * lj[t];
        }
        double l = s * inverse;
        lj[kept] = l;
        res1[j] = res[j] - l * l;
        num1[j] = num[j] - l * z;
      }
      visit(child, m + 1, kept + 1, value);
    }
  }
}
