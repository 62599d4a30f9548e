package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Values, margins of error, norms and p-values from a cell's sums ({@link CellSums}) and its
 * history's ({@link Norms}).
 *
 * <p>With weights w (1 when the survey has none) and per-answer scores y ({@link KpiMetric}): value
 * = sum w y / sum w; n_effective = (sum w)^2 / sum w^2 (Kish); m2 = sum w y^2 / sum w - value^2,
 * the weighted population variance of y. The squared standard error is m2 / n_effective for top2box
 * and nps (p (1 - p) / n and [p + d - (p - d)^2] / n without weights) and m2 / (n_effective - 1)
 * for csat and ces (s^2 / n, s^2 with Bessel's correction). moe = 1.96 x standard error, in the
 * value's unit. n stays the raw count of answers.
 *
 * <p>A cell with n below {@code kpis.min_n} keeps n and n_effective and gets a null value, moe and
 * p-value, and suppressed = true. Likewise a norm whose history has fewer than min_n answers is
 * null. A p-value needs both.
 */
final class KpiValues {
  /** The 95 % normal quantile of the margins of error. */
  static final double Z95 = 1.96;

  /** Relative round-off of the one-pass variance, below which it is taken as 0. */
  static final double ROUND_OFF = 1e-12;

  static final String SE2 = "_se2";
  static final String NORM_SE2 = "_norm_se2";
  static final String NORM_N_EFF = "_norm_n_eff";

  private KpiValues() {}

  /**
   * Adds value, n_effective, moe, suppressed, norm, norm_n and p_value (plus the internal {@link
   * #SE2}, {@link #NORM_SE2}, {@link #NORM_N_EFF}).
   */
  static Dataset<Row> estimate(Dataset<Row> withNorms, int minN) {
    Estimate cur = new Estimate(Cols.N, CellSums.SW, CellSums.SW2, CellSums.SWY, CellSums.SWY2);
    Estimate hist =
        new Estimate(
            Norms.history(Cols.N),
            Norms.history(CellSums.SW),
            Norms.history(CellSums.SW2),
            Norms.history(CellSums.SWY),
            Norms.history(CellSums.SWY2));
    Column suppressed = col(Cols.N).lt(minN);
    Column normShown = col(Norms.history(Cols.N)).geq(minN);
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

  /** The estimates of one set of sums. */
  private record Estimate(String n, String sw, String sw2, String swy, String swy2) {
    Column value() {
      return when(col(sw).gt(0), col(swy).divide(col(sw)));
    }

    Column nEffective() {
      return when(col(sw2).gt(0), col(sw).multiply(col(sw)).divide(col(sw2)));
    }

    /** Squared standard error of the value; null when it cannot be estimated. */
    Column se2() {
      // E_w[y^2] - E_w[y]^2 from running sums cancels catastrophically when every answer is the
      // same (e.g. all detractors, y = -100): round-off below 1e-12 of E_w[y^2] is no variance.
      // Real variances of scores on a scale are many orders of magnitude larger.
      Column meanSquare = col(swy2).divide(col(sw));
      Column raw = meanSquare.minus(value().multiply(value()));
      Column m2 = when(raw.gt(meanSquare.multiply(ROUND_OFF)), raw).otherwise(lit(0.0));
      Column nEff = nEffective();
      Column isMean =
          col(Cols.METRIC)
              .isin(
                  Arrays.stream(KpiMetric.values())
                      .filter(m -> m.kind() == KpiMetric.Kind.MEAN)
                      .map(KpiMetric::id)
                      .toArray());
      return when(isMean.and(nEff.gt(1)), m2.divide(nEff.minus(1)))
          .when(isMean.equalTo(false).and(nEff.gt(0)), m2.divide(nEff));
    }
  }
}
