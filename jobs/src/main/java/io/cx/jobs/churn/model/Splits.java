package io.cx.jobs.churn.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Assigns every labelled response to a part, deterministically:
 *
 * <ul>
 *   <li>{@code test}: with split {@code hash}, the customers whose hash of (seed, customer_id)
 *       falls below test_share, so a customer's responses never straddle train and test; with split
 *       {@code time}, the responses submitted after the (1 - test_share) quantile of submitted_at
 *       (train on older surveys, test on newer).
 *   <li>{@code gap} (split {@code time} only): training would see the test period otherwise. The
 *       responses submitted less than one churn horizon before the cut-off (their horizons reach
 *       into the test period, so their labels are made of what happened then), and every response
 *       of a customer who has a test response, are kept out of fit, calibration and test.
 *   <li>{@code calibration}: the training customers whose second, independent hash falls below
 *       calibration_share; the calibration is fitted on them, never on rows a model was fitted on.
 *   <li>{@code fit}: the other training rows, on which the models are fitted.
 * </ul>
 *
 * <p>Also {@link #FOLD} (0..k-1 by a third customer hash, for cross-validation) and {@link #HALF}
 * (0/1 by a fourth, for choosing the calibration by cross-fitting). The hashes are Spark's
 * xxhash64, stable across versions and machines; changing the seed changes every split.
 */
public final class Splits {
  public static final String PART = "_part";
  public static final String FOLD = "_fold";
  public static final String HALF = "_half";
  public static final String FIT = "fit";
  public static final String CALIBRATION = "calibration";
  public static final String TEST = "test";
  public static final String GAP = "gap";

  private static final long BUCKETS = 1_000_000L;
  private static final String TESTED_CUSTOMER = "_tested_customer";
  private static final double DAY_MICROS = 86_400_000_000.0;

  private Splits() {}

  /**
   * The responses with {@link #PART}, {@link #FOLD} and {@link #HALF} added.
   *
   * @param horizonDays the journey's churn horizon: the gap the time split leaves before its test
   *     period
   */
  public static Dataset<Row> assign(Dataset<Row> labelled, ChurnOptions o, int horizonDays) {
    Column test;
    Column gap = lit(false);
    Dataset<Row> rows = labelled;
    if (o.split().equals("time")) {
      double cutoff = timeCutoff(labelled, o.testShare());
      Column t = unix_micros(col(Cols.SUBMITTED_AT)).cast("double");
      test = t.gt(lit(cutoff));
      rows =
          labelled.withColumn(
              TESTED_CUSTOMER,
              max(test.cast("int")).over(Window.partitionBy(col(Cols.CUSTOMER_ID))).equalTo(1));
      gap = t.gt(lit(cutoff - horizonDays * DAY_MICROS)).or(col(TESTED_CUSTOMER));
    } else {
      test = unit("split", o.seed()).lt(lit(o.testShare()));
    }
    Column calibration = unit("calibration", o.seed()).lt(lit(o.calibrationShare()));
    int folds = Math.max(o.cvFolds(), 1);
    return rows.withColumn(
            PART,
            when(test, lit(TEST))
                .when(gap, lit(GAP))
                .when(calibration, lit(CALIBRATION))
                .otherwise(lit(FIT)))
        .withColumn(
            FOLD,
            when(test.or(gap), lit(-1))
                .otherwise(floor(unit("fold", o.seed()).multiply(folds)).cast("int")))
        .withColumn(HALF, floor(unit("half", o.seed()).multiply(2)).cast("int"))
        .drop(TESTED_CUSTOMER);
  }

  /** A uniform number in [0, 1) from the customer id, one stream per purpose. */
  static Column unit(String purpose, long seed) {
    return pmod(xxhash64(lit(purpose + ":" + seed), col(Cols.CUSTOMER_ID)), lit(BUCKETS))
        .cast("double")
        .divide(BUCKETS);
  }

  /** The (1 - testShare) quantile of submission times, in microseconds, exact. */
  static double timeCutoff(Dataset<Row> labelled, double testShare) {
    double[] q =
        labelled
            .select(unix_micros(col(Cols.SUBMITTED_AT)).cast("double").as("t"))
            .stat()
            .approxQuantile("t", new double[] {1 - testShare}, 0.0);
    return q.length == 0 ? Double.POSITIVE_INFINITY : q[0];
  }
}
