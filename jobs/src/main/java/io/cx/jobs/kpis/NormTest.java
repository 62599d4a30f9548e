package io.cx.jobs.kpis;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The two-sided p-value of a cell's current value against its norm, treating the current period and
 * the pooled history as two independent samples, each with its linearization variance se^2 and
 * Kish's effective size n_eff ({@link KpiValues}):
 *
 * <ul>
 *   <li>csat, ces (means): Welch's t test, t = (v - v0) / sqrt(se^2 + se0^2), with
 *       Welch-Satterthwaite degrees of freedom (se^2 + se0^2)^2 / (se^4 / (n_eff - 1) + se0^4 /
 *       (n_eff0 - 1)).
 *   <li>top2box (a share): the two-proportion z test with the pooled share under the null, p =
 *       (n_eff p1 + n_eff0 p0) / (n_eff + n_eff0), and each side's variance p (1 - p) d_k with d_k
 *       = se_k^2 / (p_k (1 - p_k)) the side's own variance per unit of Bernoulli variance (its
 *       design effect over n, as in Rao and Scott's first-order correction; 1 / n_eff when p_k is 0
 *       or 1). Without weights d_k = 1 / n and this is the textbook p (1 - p) (1 / n + 1 / n0).
 *   <li>nps (a difference of two shares): z = (nps - nps0) / sqrt(se^2 + se0^2).
 * </ul>
 *
 * When both standard errors are 0 (every answer the same on both sides) the p-value is 1 for equal
 * values (within round-off, 1e-9 of the norm) and 0 otherwise.
 */
final class NormTest {
  private NormTest() {}

  /**
   * The p-value, or null when a side has no variance estimate.
   *
   * @param metric the metric id
   * @param value current value
   * @param se2 squared standard error of the current value
   * @param nEff effective n of the current period
   * @param norm the norm
   * @param normSe2 squared standard error of the norm
   * @param normNEff effective n of the history
   */
  static Double pValue(
      String metric,
      Double value,
      Double se2,
      Double nEff,
      Double norm,
      Double normSe2,
      Double normNEff) {
    if (metric == null
        || value == null
        || se2 == null
        || nEff == null
        || norm == null
        || normSe2 == null
        || normNEff == null) {
      return null;
    }
    KpiMetric m = KpiMetric.of(metric).orElseThrow(() -> new IllegalArgumentException(metric));
    return switch (m) {
      case CSAT, CES -> welch(value, se2, nEff, norm, normSe2, normNEff);
      case TOP2BOX -> twoProportions(value, se2, nEff, norm, normSe2, normNEff);
      case NPS -> normal(value, norm, se2 + normSe2);
    };
  }

  static double welch(
      double value, double se2, double nEff, double norm, double normSe2, double normNEff) {
    double total = se2 + normSe2;
    if (total <= 0) {
      return degenerate(value, norm);
    }
    double t = (value - norm) / Math.sqrt(total);
    double df = total * total / (term(se2, nEff) + term(normSe2, normNEff));
    return studentTwoSided(t, df);
  }

  private static double term(double se2, double nEff) {
    return se2 == 0 ? 0 : se2 * se2 / (nEff - 1);
  }

  /**
   * The pooled two-proportion z test with each side's design effect.
   *
   * @param p1 current share
   * @param se2 its squared standard error (linearization)
   * @param n1 its effective n
   * @param p0 the norm's share
   * @param normSe2 its squared standard error
   * @param n0 its effective n
   */
  static double twoProportions(
      double p1, double se2, double n1, double p0, double normSe2, double n0) {
    double pooled = (n1 * p1 + n0 * p0) / (n1 + n0);
    double nullSe2 =
        pooled * (1 - pooled) * (perBernoulli(p1, se2, n1) + perBernoulli(p0, normSe2, n0));
    return normal(p1, p0, nullSe2);
  }

  /**
   * A share's squared standard error per unit of Bernoulli variance, se^2 / (p (1 - p)): 1 / n
   * without weights. A share of 0 or 1 (every answer alike, so se^2 = 0) has no variance to scale;
   * Kish's 1 / n_eff stands in.
   */
  private static double perBernoulli(double p, double se2, double nEff) {
    double bernoulli = p * (1 - p);
    return se2 > 0 && bernoulli > 0 ? se2 / bernoulli : 1 / nEff;
  }

  static double normal(double value, double norm, double se2) {
    if (se2 <= 0) {
      return degenerate(value, norm);
    }
    double z = Math.abs(value - norm) / Math.sqrt(se2);
    return Erf.erfc(z / Math.sqrt(2));
  }

  /** P(|T| >= |t|) for Student's t with df degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2). */
  static double studentTwoSided(double t, double df) {
    if (Double.isInfinite(df)) {
      return Erf.erfc(Math.abs(t) / Math.sqrt(2));
    }
    return Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5);
  }

  /** Both sides without variance: equal up to round-off (p = 1) or certainly different (0). */
  private static double degenerate(double value, double norm) {
    return Math.abs(value - norm) <= 1e-9 * Math.max(1, Math.abs(norm)) ? 1.0 : 0.0;
  }

  /** {@link #pValue} as a Spark function of seven columns. */
  static UserDefinedFunction udf() {
    return functions
        .udf(
            (UDF7<String, Double, Double, Double, Double, Double, Double, Double>) NormTest::pValue,
            DataTypes.DoubleType)
        .withName("kpi_norm_p_value");
  }
}
