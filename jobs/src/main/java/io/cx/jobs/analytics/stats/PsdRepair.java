package io.cx.jobs.analytics.stats;

/**
 * Repairs a pairwise-complete correlation matrix that is not positive semi-definite (each entry
 * comes from its own rows, so together they need not be the correlations of any data set).
 *
 * <p>Method: Higham's (2002) alternating projections with Dykstra's correction, which converges to
 * the nearest correlation matrix in the Frobenius norm: alternately project onto the PSD cone
 * (eigenvalues clipped at 0) and onto the unit-diagonal matrices, carrying Dykstra's increment on
 * the PSD step. Chosen over a single "clip the eigenvalues, rescale to unit diagonal" step because
 * that one is not the nearest matrix and its rescaling spreads the repair over every entry,
 * including the well-estimated ones; Higham moves the matrix only as far as needed, which keeps the
 * driver importances computed from it close to those of the input. For the p ≤ ~20 variables of a
 * driver model each iteration is one small eigendecomposition.
 *
 * <p>The iterate converges to the PSD cone only in the limit, so the result is finished with one
 * clip at 0 and rescale to unit diagonal; that last step moves it by about the convergence
 * tolerance (it also bounds the work: at most 1,000 iterations, where a matrix that has not
 * converged still gets a valid, if not nearest, result). The result is symmetric, has unit diagonal
 * and eigenvalues ≥ 0 up to rounding.
 */
public final class PsdRepair {
  /** A matrix whose smallest eigenvalue is at least {@code -PSD_TOLERANCE} counts as PSD. */
  public static final double PSD_TOLERANCE = 1e-12;

  private static final double CONVERGENCE = 1e-12;
  private static final int MAX_ITERATIONS = 1_000;

  private PsdRepair() {}

  /** Whether the symmetric matrix {@code c} is positive semi-definite (within tolerance). */
  public static boolean isPsd(double[][] c) {
    return Spectral.of(symmetricCopy(c)).minValue() >= -PSD_TOLERANCE;
  }

  /**
   * The nearest correlation matrix to {@code c}: a copy of {@code c} itself when it already is PSD,
   * otherwise the Higham (2002) projection.
   */
  public static double[][] nearestCorrelation(double[][] c) {
    double[][] a = symmetricCopy(c);
    if (Spectral.of(a).minValue() >= -PSD_TOLERANCE) {
      return a;
    }
    int n = a.length;
    double[][] y = copy(a);
    double[][] correction = new double[n][n];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] r = subtract(y, correction);
      double[][] x = Spectral.of(r).apply(v -> Math.max(v, 0.0));
      correction = subtract(x, r);
      double[][] next = copy(x);
      for (int i = 0; i < n; i++) {
        next[i][i] = 1.0;
      }
      double change = frobenius(subtract(next, y)) / Math.max(1.0, frobenius(next));
      y = next;
      if (change < CONVERGENCE) {
        break;
      }
    }
    return clipAndRescale(y);
  }

  private static double[][] clipAndRescale(double[][] y) {
    int n = y.length;
    double[][] x = Spectral.of(y).apply(v -> Math.max(v, 0.0));
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = x[i][i] > 0 ? 1.0 / Math.sqrt(x[i][i]) : 0.0;
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = i == j ? 1.0 : x[i][j] * scale[i] * scale[j];
      }
    }
    return out;
  }

  private static double[][] symmetricCopy(double[][] c) {
    int n = c.length;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (c[i].length != n) {
        throw new IllegalArgumentException("Cannot repair matrix: not square (row " + i + ")");
      }
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(c[i][j])) {
          throw new IllegalArgumentException(
              "Cannot repair matrix: entry [" + i + "][" + j + "] is " + c[i][j]);
        }
        if (Math.abs(c[i][j] - c[j][i]) > 1e-9) {
          throw new IllegalArgumentException(
              "Cannot repair matrix: not symmetric at [" + i + "][" + j + "]");
        }
        a[i][j] = c[i][j];
      }
    }
    return a;
  }

  private static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  private static double[][] subtract(double[][] a, double[][] b) {
    double[][] d = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        d[i][j] = a[i][j] - b[i][j];
      }
    }
    return d;
  }

  private static double frobenius(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }
}
