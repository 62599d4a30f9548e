package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Values, margins of error, norms and p-values from a cell's sums ({@link CellSums}) and its
 * history's ({@link Norms}).
 *
 * <p>With weights w (1 when the survey has none) and per-answer scores y ({@link KpiMetric}): value
 * = sum w y / sum w, a ratio estimator; n_effective = (sum w)^2 / sum w^2 (Kish). Its squared
 * standard error is the linearization (Taylor) variance of the ratio,
 *
 * <pre>
 *   se^2 = f sum w^2 (y - value)^2 / (sum w)^2
 *        = f [sum w^2 y^2 - 2 value sum w^2 y + value^2 sum w^2] / (sum w)^2,
 * </pre>
 *
 * the second line from additive sums. The finite-sample factor f is n / (n - 1) for csat and ces
 * (means) and 1 for top2box and nps (shares), n the raw count: without weights this is exactly the
 * textbook s^2 / n (Bessel's correction) and p (1 - p) / n, [p + d - (p - d)^2] / n. Unlike Kish's
 * m2 / n_effective it stays right when weights go with scores (over-weighted passives,
 * under-weighted detractors). A mean needs n_effective > 1. moe = 1.96 x se, in the value's unit; n
 * stays the raw count of answers.
 *
 * <p>A cell whose n_effective is below {@code kpis.min_n} keeps n and n_effective and gets a null
 * value, moe and p-value, and suppressed = true: a few heavy weights make a cell as noisy as a
 * small one. Likewise a norm whose history has an n_effective below min_n is null. A p-value needs
 * both.
 */
final class KpiValues {
  /** The 95 % normal quantile of the margins of error. */
  static final double Z95 = 1.96;

  /** Relative round-off of the one-pass variance, below which it is taken as 0. */
  static final double ROUND_OFF = 1e-12;

  /**
   * Relative slack of the min_n comparison: equal weights give n_effective = n up to round-off, and
   * such a cell must not be suppressed for being 1e-15 short.
   */
  static final double N_EFF_SLACK = 1e-9;

  static final String SE2 = "_se2";
  static final String NORM_SE2 = "_norm_se2";
  static final String NORM_N_EFF = "_norm_n_eff";

  private KpiValues() {}

  /**
   * Adds value, n_effective, moe, suppressed, norm, norm_n and p_value (plus the internal {@link
   * #SE2}, {@link #NORM_SE2}, {@link #NORM_N_EFF}).
   */
  static Dataset<Row> estimate(Dataset<Row> withNorms, int minN) {
    Estimate cur = new Estimate(x -> x);
    Estimate hist = new Estimate(Norms::history);
    Column suppressed = not(cur.atLeast(minN));
    Column normShown = hist.atLeast(minN);
    Dataset<Row> out =
        withNorms
            .withColumn(Cols.SUPPRESSED, suppressed)
            .withColumn(Cols.N_EFFECTIVE, cur.nEffective())
            .withColumn(Cols.VALUE, when(suppressed.equalTo(false), cur.value()))
            .withColumn(SE2, when(suppressed.equalTo(false), cur.se2()))
            .withColumn(Cols.MOE, lit(Z95).multiply(sqrt(col(SE2))))
            .withColumn(Cols.NORM_N, col(Norms.history(Cols.N)))
            .withColumn(Cols.NORM, when(normShown, hist.value()))
            .withColumn(NORM_SE2, when(normShown, hist.se2()))
            .withColumn(NORM_N_EFF, when(normShown, hist.nEffective()));
    return out.withColumn(
        Cols.P_VALUE,
        NormTest.udf()
            .apply(
                col(Cols.METRIC),
                col(Cols.VALUE),
                col(SE2),
                col(Cols.N_EFFECTIVE),
                col(Cols.NORM),
                col(NORM_SE2),
                col(NORM_N_EFF)));
  }

  /** The estimates of one set of sums, named by {@code sum} from the names of {@link CellSums}. */
  private record Estimate(UnaryOperator<String> sum) {
    private Column s(String name) {
      return col(sum.apply(name));
    }

    Column value() {
      return when(s(CellSums.SW).gt(0), s(CellSums.SWY).divide(s(CellSums.SW)));
    }

    Column nEffective() {
      Column sw = s(CellSums.SW);
      return when(s(CellSums.SW2).gt(0), sw.multiply(sw).divide(s(CellSums.SW2)));
    }

    /** True when n_effective reaches {@code minN} (up to round-off); false without weight. */
    Column atLeast(int minN) {
      return coalesce(nEffective().geq(minN * (1 - N_EFF_SLACK)), lit(false));
    }

    /** Squared standard error of the value (linearization); null when it cannot be estimated. */
    Column se2() {
      Column v = value();
      Column sw2y2 = s(CellSums.SW2Y2);
      // sum w^2 (y - v)^2 from running sums cancels catastrophically when every answer is the same
      // (e.g. all detractors, y = -100): round-off below 1e-12 of sum w^2 y^2 is no variance. Real
      // variances of scores on a scale are many orders of magnitude larger.
      Column raw =
          sw2y2.minus(
              v.multiply(lit(2).multiply(s(CellSums.SW2Y)).minus(v.multiply(s(CellSums.SW2)))));
      Column squares = when(raw.gt(sw2y2.multiply(ROUND_OFF)), raw).otherwise(lit(0.0));
      Column sw = s(CellSums.SW);
      Column linearized = squares.divide(sw.multiply(sw));
      Column n = s(Cols.N);
      Column isMean =
          col(Cols.METRIC)
              .isin(
                  Arrays.stream(KpiMetric.values())
                      .filter(m -> m.kind() == KpiMetric.Kind.MEAN)
                      .map(KpiMetric::id)
                      .toArray());
      return when(isMean.and(nEffective().gt(1)), linearized.multiply(n).divide(n.minus(1)))
          .when(isMean.equalTo(false).and(sw.gt(0)), linearized);
    }
  }
}
