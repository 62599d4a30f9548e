package io.cx.jobs.analytics.stats;

/**
 * Johnson's (2000) relative weights: the drivers are replaced by their closest orthogonal
 * counterparts {@code Z = X R_xx^{-1/2}}, the target is regressed on Z ({@code β = Λ⁻¹ r_xy} with
 * {@code Λ = R_xx^{1/2}}), and each orthogonal part's R² is given back to the drivers in proportion
 * to their squared loadings: {@code ε_j = Σ_k Λ_jk² β_k²}. The weights are non-negative, sum to R²,
 * and are usually within a few percent of {@link Lmg} at a fraction of the cost.
 *
 * <p>From the eigendecomposition {@code R_xx = V diag(λ) V'}: {@code Λ = V diag(√λ) V'}. A singular
 * (or, from a pairwise-complete matrix, slightly indefinite) {@code R_xx} is handled by the
 * pseudo-inverse: eigenvalues at or below {@code p · 1e-12 · λ_max} count as zero. Repair a clearly
 * indefinite matrix with {@link PsdRepair} first.
 */
public final class RelativeWeights {
  private RelativeWeights() {}

  /** Relative weights of the target (row/column {@code target} of {@code corr}) on the others. */
  public static DriverImportance compute(double[][] corr, int target) {
    DriverSystem s = DriverSystem.of(corr, target, "relative weights");
    int p = s.size();
    Spectral e = Spectral.of(s.rxx());
    double[][] lambda = e.sqrt();
    double[] beta = Spectral.multiply(e.inverseSqrt(), s.rxy());
    double[] epsilon = new double[p];
    double total = 0;
    for (int j = 0; j < p; j++) {
      double sum = 0;
      for (int k = 0; k < p; k++) {
        double l = lambda[j][k];
        sum += l * l * beta[k] * beta[k];
      }
      epsilon[j] = sum;
      total += sum;
    }
    return DriverImportance.exact(s.drivers(), epsilon, total);
  }
}
