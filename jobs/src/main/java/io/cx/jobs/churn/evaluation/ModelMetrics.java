package io.cx.jobs.churn.evaluation;

import static org.apache.spark.sql.functions.col;

import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.churn.model.TrainedModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The calibrated probabilities of both models on labelled rows, and their {@link
 * ProbabilityEvaluation} per split: {@code train} (the fit rows) and {@code test}.
 */
public final class ModelMetrics {
  /** The metrics written to model_metrics, in this order. */
  public static final List<String> METRICS =
      List.of("auc", "pr_auc", "log_loss", "brier", "lift_top_decile", "ece");

  /** The values of model_metrics.split. */
  public static final String TRAIN = "train";

  public static final String TEST = "test";
  static final String CV = "cv";

  private ModelMetrics() {}

  /**
   * One model_metrics value.
   *
   * @param model logit or gbt
   * @param split train, test or cv
   * @param metric one of {@link #METRICS}
   * @param value the value (NaN when undefined, e.g. AUC with one class)
   * @param n rows evaluated
   */
  public record MetricValue(String model, String split, String metric, double value, long n) {}

  /** The probability column of a model in scored frames. */
  static String probabilityColumn(String model) {
    return "_p_" + model;
  }

  /** Per model, its evaluation on the rows of each part given (part name to split name). */
  public static Map<String, Map<String, ProbabilityEvaluation>> evaluate(
      Dataset<Row> frame, TrainedModels m, Map<String, String> partToSplit) {
    List<FeatureFrames.VectorScore> fns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : TrainedModels.NAMES) {
      ChurnPredictor s = m.predictor(name);
      fns.add(s::probability);
      names.add(probabilityColumn(name));
    }
    Dataset<Row> scored =
        FeatureFrames.scores(
                frame.where(col(Splits.PART).isin(partToSplit.keySet().toArray())),
                m.vectorizer(),
                List.of(Splits.PART, ModelTraining.LABEL),
                fns,
                names)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Map<String, ProbabilityEvaluation>> byPart =
          ProbabilityEvaluation.of(scored, Splits.PART, names, ModelTraining.LABEL);
      Map<String, Map<String, ProbabilityEvaluation>> out = new LinkedHashMap<>();
      for (String name : TrainedModels.NAMES) {
        Map<String, ProbabilityEvaluation> bySplit = new LinkedHashMap<>();
        Map<String, ProbabilityEvaluation> parts = byPart.get(probabilityColumn(name));
        partToSplit.forEach(
            (part, split) -> {
              if (parts.containsKey(part)) {
                bySplit.put(split, parts.get(part));
              }
            });
        out.put(name, bySplit);
      }
      return out;
    } finally {
      scored.unpersist();
    }
  }

  /** The model_metrics values of one evaluation. */
  public static List<MetricValue> values(String model, String split, ProbabilityEvaluation e) {
    BinaryMetrics b = e.metrics();
    double[] v = {
      b.auc(), b.prAuc(), b.logLoss(), b.brier(), b.liftTopDecile(), e.reliability().ece()
    };
    List<MetricValue> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      out.add(new MetricValue(model, split, METRICS.get(i), v[i], b.n()));
    }
    return out;
  }

  /** A metric's value in a list, or NaN. */
  public static double value(List<MetricValue> values, String model, String split, String metric) {
    return values.stream()
        .filter(
            v -> v.model().equals(model) && v.split().equals(split) && v.metric().equals(metric))
        .mapToDouble(MetricValue::value)
        .findFirst()
        .orElse(Double.NaN);
  }
}
