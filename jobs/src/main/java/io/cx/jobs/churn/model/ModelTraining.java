package io.cx.jobs.churn.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.spark.Steps;
import io.cx.jobs.churn.calibration.CalibratorSelection;
import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.logit.LogitFit;
import io.cx.jobs.churn.logit.LogitNewton;
import io.cx.jobs.churn.logit.LogitSums;
import io.cx.jobs.churn.spark.PartitionFold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains both churn models on a frame's {@code fit} rows and calibrates each on its {@code
 * calibration} rows ({@link Splits}). The same procedure serves the main run and every
 * cross-validation fold.
 *
 * <ul>
 *   <li>Logistic regression ({@link LogitNewton}, MLlib's objective): L2-penalised on standardised
 *       features, class-weighted so that churners and non-churners weigh the same in total ({@code
 *       w = n / (2 n_class)}); the weighting helps the fit see the rare class but shifts the
 *       probabilities, which the calibration then corrects.
 *   <li>Gradient-boosted trees ({@link GbtFitter}: in memory, or MLlib for sets too large for the
 *       driver; logistic loss): unweighted, which keeps their output close to probabilities; the
 *       calibration still checks.
 * </ul>
 */
public final class ModelTraining {
  public static final String LABEL = "_y";
  static final String WEIGHT = "_w";

  private ModelTraining() {}

  /**
   * The trained, calibrated models and the cached fit vectors (response_id, segment, _y, _w,
   * features), which the caller unpersists once done with them.
   *
   * @param models the models
   * @param fitVectors the fit rows as vectors
   */
  public record Result(TrainedModels models, Dataset<Row> fitVectors) {}

  public static Result train(Dataset<Row> frame, FeaturePlan plan, ChurnOptions o, Steps steps) {
    Dataset<Row> fitRows = frame.where(col(Splits.PART).equalTo(Splits.FIT));
    Dataset<Row> calRows = frame.where(col(Splits.PART).equalTo(Splits.CALIBRATION));

    steps.start("fit the feature plan");
    Vectorizer v = plan.fit(fitRows);
    long[] counts = classCounts(fitRows);
    long n = counts[0] + counts[1];
    double w0 = n / (2.0 * counts[0]);
    double w1 = n / (2.0 * counts[1]);
    Dataset<Row> fitVectors =
        FeatureFrames.vectors(
                fitRows, v, List.of(Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SEGMENT, LABEL))
            .withColumn(WEIGHT, when(col(LABEL).gt(0.5), lit(w1)).otherwise(lit(w0)))
            .persist(StorageLevel.MEMORY_AND_DISK());

    steps.start("fit logit");
    int p = v.size();
    Dataset<Row> xyw = fitVectors.select(FeatureFrames.FEATURES, LABEL, WEIGHT);
    LogitNewton.Solution logitSolution =
        LogitNewton.fit(p, o.logit().regParam(), o.logit().maxIter(), coef -> sums(xyw, coef));
    double[] beta = logitSolution.beta();
    double b0 = logitSolution.intercept();
    steps.start("logit coefficient covariance");
    double[] at = new double[p + 1];
    at[0] = b0;
    System.arraycopy(beta, 0, at, 1, p);
    LogitFit logitFit = LogitFit.of(clusteredSums(fitVectors, at), b0, beta, o.logit().regParam());
    LogitModel logit = new LogitModel(b0, beta, logitFit.mean());

    steps.start("fit gbt");
    GbtModel gbtModel = GbtFitter.fit(fitVectors, LABEL, n, p, o);

    steps.start("calibrate");
    List<String> marginCols = List.of(marginColumn(LogitModel.NAME), marginColumn(GbtModel.NAME));
    Dataset<Row> calMargins =
        FeatureFrames.scores(
                calRows,
                v,
                List.of(LABEL, Splits.HALF),
                List.of(logit::margin, gbtModel::margin),
                marginCols)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, CalibratorSelection.Choice> calibration = new LinkedHashMap<>();
    for (String name : TrainedModels.NAMES) {
      calibration.put(
          name,
          CalibratorSelection.choose(
              o.calibration(), calMargins, marginColumn(name), LABEL, Splits.HALF));
    }
    calMargins.unpersist();
    long calibrationRows = calibration.get(LogitModel.NAME).rows();
    TrainedModels models =
        new TrainedModels(
            v,
            logitFit,
            logitSolution.iterations(),
            logit,
            gbtModel,
            calibration,
            new double[] {w0, w1},
            n,
            calibrationRows);
    return new Result(models, fitVectors);
  }

  /** {@link LogitSums} over rows of (features, label, weight) at {@code [b0, b]}. */
  static LogitSums sums(Dataset<Row> xyw, double[] coef) {
    int p = coef.length - 1;
    double b0 = coef[0];
    double[] beta = java.util.Arrays.copyOfRange(coef, 1, coef.length);
    return PartitionFold.fold(
        xyw,
        it -> {
          LogitSums s = new LogitSums(p, false);
          while (it.hasNext()) {
            Row r = it.next();
            s.add(((Vector) r.get(0)).toArray(), r.getDouble(1), r.getDouble(2), b0, beta);
          }
          return s;
        },
        LogitSums::merge);
  }

  /**
   * {@link LogitSums} at {@code [b0, b]} with G summed by customer (the cluster-robust sandwich):
   * the rows are brought together by customer_id, in a fixed order, and each customer's score
   * vector is summed before its outer product is taken.
   */
  static LogitSums clusteredSums(Dataset<Row> fitVectors, double[] coef) {
    int p = coef.length - 1;
    double b0 = coef[0];
    double[] beta = java.util.Arrays.copyOfRange(coef, 1, coef.length);
    Dataset<Row> byCustomer =
        fitVectors
            .repartition(fitVectors.javaRDD().getNumPartitions(), col(Cols.CUSTOMER_ID))
            .sortWithinPartitions(Cols.CUSTOMER_ID, Cols.RESPONSE_ID)
            .select(col(Cols.CUSTOMER_ID), col(FeatureFrames.FEATURES), col(LABEL), col(WEIGHT));
    return PartitionFold.fold(
        byCustomer,
        it -> {
          LogitSums s = new LogitSums(p, false);
          double[] score = new double[p + 1];
          String customer = null;
          while (it.hasNext()) {
            Row r = it.next();
            String c = r.getString(0);
            if (customer != null && !customer.equals(c)) {
              s.endCluster(score);
            }
            customer = c;
            s.addToCluster(
                ((Vector) r.get(1)).toArray(), r.getDouble(2), r.getDouble(3), b0, beta, score);
          }
          s.endCluster(score);
          return s;
        },
        LogitSums::merge);
  }

  /** The margin column of a model in scored frames. */
  static String marginColumn(String model) {
    return "_m_" + model;
  }

  /** Non-churners and churners among the rows. */
  static long[] classCounts(Dataset<Row> rows) {
    return PartitionFold.fold(
        rows.select(LABEL),
        it -> {
          long[] c = new long[2];
          while (it.hasNext()) {
            c[it.next().getDouble(0) > 0.5 ? 1 : 0]++;
          }
          return c;
        },
        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
  }
}
