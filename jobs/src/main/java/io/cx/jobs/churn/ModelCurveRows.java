package io.cx.jobs.churn;

import io.cx.jobs.churn.evaluation.ModelCurves;
import io.cx.jobs.churn.evaluation.ProbabilityEvaluation;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * model_curves: the points of every model's ROC, lift and calibration curves per split ({@code
 * train}, {@code test}), from the evaluations that give model_metrics its values ({@link
 * ModelCurves}). Cross-validation is a mean over folds and has no curves.
 */
final class ModelCurveRows {
  private ModelCurveRows() {}

  /** The rows of one journey: per model, per split, per curve, its points in order. */
  static List<Row> of(
      String journey, Map<String, Map<String, ProbabilityEvaluation>> evals, LocalDate runDate) {
    Date d = Date.valueOf(runDate);
    List<Row> out = new ArrayList<>();
    evals.forEach(
        (model, bySplit) ->
            bySplit.forEach(
                (split, e) -> {
                  ModelCurves c = e.curves();
                  add(out, journey, model, split, ModelCurves.ROC, c.roc(), d);
                  add(out, journey, model, split, ModelCurves.LIFT, c.lift(), d);
                  add(out, journey, model, split, ModelCurves.CALIBRATION, c.calibration(), d);
                }));
    return out;
  }

  private static void add(
      List<Row> out,
      String journey,
      String model,
      String split,
      String curve,
      List<ModelCurves.Point> points,
      Date d) {
    for (int i = 0; i < points.size(); i++) {
      ModelCurves.Point p = points.get(i);
      out.add(
          RowFactory.create(
              journey, model, ChurnImportanceRows.TARGET, split, curve, i, p.x(), p.y(), p.n(), d));
    }
  }
}
