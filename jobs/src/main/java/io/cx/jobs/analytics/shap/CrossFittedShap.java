package io.cx.jobs.analytics.shap;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.cx.common.contract.Cols;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * SHAP importances from held-out rows, with a pure-noise baseline: the one way method {@code
 * shap_gbt} is computed, by the drivers job and the churn job alike.
 *
 * <p><b>Cross-fitting.</b> The rows are split in {@value #FOLDS} folds by a hash of customer_id and
 * the seed ({@link #fold}), so a customer's rows share a fold; a model is fitted on the other folds
 * and TreeSHAP ({@link ShapSummary}) explains the fold's rows with it. No row is explained by a
 * model that saw its customer. The folds' sums are pooled: a mean is {@code Σ_f Σ w·|φ| / Σ_f Σ w},
 * the weighted mean over every held-out row, and so are the moments behind direction and
 * performance ({@link ShapImportance}).
 *
 * <p><b>Noise baseline.</b> The models get one more feature, {@value #NOISE}: uniform on [0, 1)
 * from a hash of response_id and the seed ({@link #noise}), unrelated to anything. Its mean |SHAP|
 * is what the model attributes to a feature that carries no information; a driver whose importance
 * is no larger is flagged ({@link #aboveNoise}, column {@code above_noise} false). The noise
 * feature is not a driver and is not in the shares, and it only enters these importance models,
 * never a model that scores or predicts.
 */
public final class CrossFittedShap {
  /** The number of folds. */
  public static final int FOLDS = 2;

  /** The column holding a row's fold, 0 .. FOLDS - 1. */
  public static final String FOLD = "__fold";

  /** The name of the pure-noise feature. */
  public static final String NOISE = "__noise";

  private static final double NOISE_LEVELS = 1L << 30;

  /** A fold's model: the trees and the factor that turns their SHAP values into reported units. */
  public record FoldModel(TreeEnsemble trees, double scale) {}

  /** Fits the model of one fold on the other folds' rows. */
  @FunctionalInterface
  public interface FoldFitter {
    /**
     * @param train the rows of the other folds
     * @param rows how many they are
     */
    FoldModel fit(Dataset<Row> train, long rows);
  }

  private final List<String> names;
  private final boolean[] hasValue;
  private final ShapSums overall;
  private final Map<String, ShapSums> byGroup = new TreeMap<>();

  private CrossFittedShap(List<String> names, boolean[] hasValue, int k) {
    this.names = names;
    this.hasValue = hasValue;
    this.overall = new ShapSums(k);
  }

  /**
   * A row's fold: {@code pmod(xxhash64(seed + 1, customer_id), FOLDS)}, the same for a customer.
   */
  public static Column fold(long seed) {
    return pmod(xxhash64(lit(seed + 1), col(Cols.CUSTOMER_ID)), lit((long) FOLDS)).cast("int");
  }

  /** The noise feature: uniform on [0, 1) (2^30 levels) from a hash of response_id and the seed. */
  public static Column noise(long seed) {
    return pmod(xxhash64(lit(seed), col(Cols.RESPONSE_ID)), lit((long) NOISE_LEVELS))
        .cast("double")
        .divide(NOISE_LEVELS);
  }

  /** The vector {@code features} with the noise feature ({@link #noise}) appended as its last. */
  public static Column appendNoise(Column features, long seed) {
    return functions.array_to_vector(
        concat(functions.vector_to_array(features, "float64"), array(noise(seed))));
  }

  /** Rows per fold of a frame with a {@link #FOLD} column, in one pass. */
  public static long[] foldRows(Dataset<Row> data) {
    long[] out = new long[FOLDS];
    for (Row r : data.groupBy(FOLD).count().collectAsList()) {
      out[r.getInt(0)] = r.getLong(1);
    }
    return out;
  }

  /** Whether every fold has rows, so that each can be explained by a model of the others. */
  public static boolean everyFoldHasRows(long[] foldRows) {
    for (long n : foldRows) {
      if (n <= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fits a model per fold on the other folds' rows and explains the fold's rows with it.
   *
   * @param data the rows, with a {@link #FOLD} column and what the fitter and the summary read
   * @param foldRows rows per fold ({@link #foldRows}), every fold with rows
   * @param featureNames one name per position of the features vector, {@link #NOISE} among them
   * @param summary configures each fold's summary (features column, feature sums, group, weight);
   *     the scale is the fold model's
   * @param fitter fits a fold's model
   */
  public static CrossFittedShap explain(
      Dataset<Row> data,
      long[] foldRows,
      List<String> featureNames,
      UnaryOperator<ShapSummary> summary,
      FoldFitter fitter) {
    if (!everyFoldHasRows(foldRows)) {
      throw new IllegalArgumentException(
          "Cannot cross-fit SHAP: a fold has no rows (rows per fold "
              + Arrays.toString(foldRows)
              + ")");
    }
    if (!featureNames.contains(NOISE)) {
      throw new IllegalArgumentException(
          "Cannot cross-fit SHAP: no noise feature '" + NOISE + "' in " + featureNames);
    }
    long total = 0;
    for (long n : foldRows) {
      total += n;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    CrossFittedShap out = null;
    for (int f = 0; f < FOLDS; f++) {
      FoldModel model = fitter.fit(data.where(col(FOLD).notEqual(f)), total - foldRows[f]);
      Broadcast<TreeEnsemble> trees = jsc.broadcast(model.trees());
      try {
        ShapSummary.Result held =
            summary
                .apply(ShapSummary.of(trees, featureNames))
                .scale(model.scale())
                .execute(data.where(col(FOLD).equalTo(f)));
        if (out == null) {
          out = new CrossFittedShap(held.names, held.hasValue, held.names.size());
        }
        out.add(held);
      } finally {
        trees.destroy();
      }
    }
    return out;
  }

  private void add(ShapSummary.Result fold) {
    overall.addAll(fold.totalSums);
    fold.groupSums.forEach(
        (g, sums) -> byGroup.computeIfAbsent(g, x -> new ShapSums(names.size())).addAll(sums));
  }

  /** The pooled importances over every held-out row. */
  public ShapImportance overall() {
    return new ShapImportance(names, overall, hasValue);
  }

  /** The pooled importances per group value, sorted by group. */
  public Map<String, ShapImportance> byGroup() {
    Map<String, ShapImportance> out = new TreeMap<>();
    byGroup.forEach((g, sums) -> out.put(g, new ShapImportance(names, sums, hasValue)));
    return Collections.unmodifiableMap(out);
  }

  /** The pooled importances of a group, {@link Cols#ALL} for all rows; null for a group unseen. */
  public ShapImportance of(String group) {
    if (Cols.ALL.equals(group)) {
      return overall();
    }
    ShapSums s = byGroup.get(group);
    return s == null ? null : new ShapImportance(names, s, hasValue);
  }

  /**
   * Whether an importance is larger than the noise feature's in the same rows: null when the noise
   * feature's importance is not defined (no rows), else {@code importance > noise}.
   */
  public static Boolean aboveNoise(double importance, ShapImportance rows) {
    double noise = rows.meanAbs(NOISE);
    return Double.isNaN(noise) ? null : importance > noise;
  }
}
