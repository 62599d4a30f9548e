package io.cx.jobs.analytics.stats;

/**
 * The direction of each driver's effect on the target, +1 or -1: the sign of its standardized
 * coefficient in the regression of the target on all drivers ({@code β = R_xx⁺ r_xy},
 * pseudo-inverse for a singular {@code R_xx}). When a coefficient is about zero ({@code |β| <}
 * {@value #ZERO_COEFFICIENT}, e.g. a driver fully explained by the others) the sign of its
 * zero-order correlation with the target is used instead; when that is 0 too, +1.
 */
public final class Direction {
  /** Standardized coefficients below this in absolute value count as zero. */
  public static final double ZERO_COEFFICIENT = 1e-8;

  private Direction() {}

  /**
   * The direction of every driver of {@code target}, in the order of the matrix with the target
   * left out (the order of {@link DriverImportance#drivers()}).
   */
  public static int[] of(double[][] corr, int target) {
    DriverSystem s = DriverSystem.of(corr, target, "directions");
    double[] beta = standardizedCoefficients(s);
    int[] direction = new int[beta.length];
    for (int a = 0; a < beta.length; a++) {
      double basis = Math.abs(beta[a]) >= ZERO_COEFFICIENT ? beta[a] : s.rxy()[a];
      direction[a] = basis < 0 ? -1 : 1;
    }
    return direction;
  }

  /** Standardized regression coefficients of the target on all drivers, in driver order. */
  public static double[] coefficients(double[][] corr, int target) {
    return standardizedCoefficients(DriverSystem.of(corr, target, "coefficients"));
  }

  private static double[] standardizedCoefficients(DriverSystem s) {
    return Spectral.multiply(Spectral.of(s.rxx()).pseudoInverse(), s.rxy());
  }
}
