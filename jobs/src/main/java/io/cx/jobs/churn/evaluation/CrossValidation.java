package io.cx.jobs.churn.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.ChurnOptions;
import io.cx.common.spark.Steps;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Readiness;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.churn.model.TrainedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * k-fold cross-validation on the training split (asked for with {@code churn.cv_folds}): folds are
 * groups of customers ({@link Splits#FOLD}); each fold in turn is held out, the whole training
 * procedure ({@link ModelTraining}: feature plan, both models, calibration on the fold-training
 * customers' calibration part) runs on the others, and the held-out fold is evaluated. The cv value
 * of a metric is its mean over the folds where it is defined; n counts the held-out rows.
 */
public final class CrossValidation {
  private CrossValidation() {}

  public static List<ModelMetrics.MetricValue> run(
      Dataset<Row> frame, FeaturePlan plan, ChurnOptions o, Steps steps) {
    int k = o.cvFolds();
    double[][][] values = new double[TrainedModels.NAMES.size()][][];
    long[] n = new long[TrainedModels.NAMES.size()];
    for (int m = 0; m < values.length; m++) {
      values[m] = new double[ModelMetrics.METRICS.size()][k];
    }
    Dataset<Row> train = frame.where(col(Splits.PART).isin(Splits.FIT, Splits.CALIBRATION));
    for (int f = 0; f < k; f++) {
      steps.start("cross-validation fold " + (f + 1) + " of " + k);
      Dataset<Row> foldFrame =
          train.withColumn(
              Splits.PART,
              when(col(Splits.FOLD).equalTo(f), lit(Splits.TEST)).otherwise(col(Splits.PART)));
      if (!Readiness.trainable(foldFrame)) {
        for (double[][] model : values) {
          for (double[] metric : model) {
            metric[f] = Double.NaN;
          }
        }
        continue;
      }
      ModelTraining.Result r = ModelTraining.train(foldFrame, plan, o, steps);
      try {
        Map<String, Map<String, ProbabilityEvaluation>> e =
            ModelMetrics.evaluate(foldFrame, r.models(), Map.of(Splits.TEST, ModelMetrics.CV));
        for (int m = 0; m < values.length; m++) {
          ProbabilityEvaluation ev = e.get(TrainedModels.NAMES.get(m)).get(ModelMetrics.CV);
          List<ModelMetrics.MetricValue> v =
              ModelMetrics.values(TrainedModels.NAMES.get(m), ModelMetrics.CV, ev);
          for (int i = 0; i < v.size(); i++) {
            values[m][i][f] = v.get(i).value();
          }
          n[m] += ev.metrics().n();
        }
      } finally {
        r.fitVectors().unpersist();
      }
    }
    List<ModelMetrics.MetricValue> out = new ArrayList<>();
    for (int m = 0; m < values.length; m++) {
      for (int i = 0; i < ModelMetrics.METRICS.size(); i++) {
        out.add(
            new ModelMetrics.MetricValue(
                TrainedModels.NAMES.get(m),
                ModelMetrics.CV,
                ModelMetrics.METRICS.get(i),
                meanOfDefined(values[m][i]),
                n[m]));
      }
    }
    return out;
  }

  private static double meanOfDefined(double[] v) {
    double s = 0;
    int c = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }
}
