package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.jobs.churn.calibration.CalibratorSelection;
import io.cx.jobs.churn.evaluation.BinaryMetrics;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Splits;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The models of the shared in-memory analysis ({@link AnalysedChurn}) recover the planted churn:
 * metrics for both models and splits, a test AUC close to the planted probabilities' own, and
 * calibrated probabilities close to the planted ones.
 */
class ChurnModelQualityTest {
  @Test
  void modelMetricsCoverBothModelsTrainAndTestAndEveryMetric() {
    AnalysedChurn run = AnalysedChurn.get();
    assertEquals(2 * 2 * ModelMetrics.METRICS.size(), run.metrics.size());
    for (String model : List.of("logit", "gbt")) {
      for (String split : List.of("train", "test")) {
        assertTrue(run.metric(model, split, "auc") > 0.65, model + " " + split + " auc");
        assertTrue(
            run.metric(model, split, "lift_top_decile") > 1.5, model + " " + split + " lift");
        assertTrue(run.metric(model, split, "log_loss") < 0.6, model + " " + split + " log loss");
      }
    }
    // The choice rests on the calibration customers, not on the test split; it still lands on a
    // model whose test log loss is within 0.01 of the better one.
    String chosen = run.chosen();
    String other = chosen.equals("gbt") ? "logit" : "gbt";
    var calibration = run.fit.models().calibration();
    assertTrue(
        calibration.get(chosen).selectedHeldOutLogLoss()
            <= calibration.get(other).selectedHeldOutLogLoss());
    assertTrue(
        run.metric(chosen, "test", "log_loss")
            <= Math.min(
                    run.metric(chosen, "test", "log_loss"), run.metric(other, "test", "log_loss"))
                + 0.01);
  }

  @Test
  void testAucIsWithinFiveHundredthsOfThePlantedProbabilitiesAuc() {
    AnalysedChurn run = AnalysedChurn.get();
    // The test rows, as the job split them, with their true probabilities.
    Dataset<Row> test =
        Splits.assign(
                run.data
                    .labelFrame()
                    .where(col(Cols.OBSERVED).equalTo(true))
                    .withColumn(ModelTraining.LABEL, col(Cols.CHURNED).cast("double")),
                run.config.churn(),
                90)
            .where(col(Splits.PART).equalTo(Splits.TEST));
    List<Row> rows = test.select(Cols.RESPONSE_ID, ModelTraining.LABEL).collectAsList();
    double[] p = rows.stream().mapToDouble(r -> run.data.probability.get(r.getString(0))).toArray();
    double[] y = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    double oracle = BinaryMetrics.of(p, y).auc();
    double auc = run.metric(run.chosen(), "test", "auc");
    LoggerFactory.getLogger(ChurnModelQualityTest.class)
        .info(
            "test rows {}: oracle AUC {}, logit AUC {} ECE {}, gbt AUC {} ECE {}, chosen {}",
            p.length,
            oracle,
            run.metric("logit", "test", "auc"),
            run.metric("logit", "test", "ece"),
            run.metric("gbt", "test", "auc"),
            run.metric("gbt", "test", "ece"),
            run.chosen());
    assertTrue(Math.abs(auc - oracle) <= 0.05, "test AUC " + auc + ", oracle " + oracle);
  }

  @Test
  void calibratedProbabilitiesMatchTheKnownOnes() {
    AnalysedChurn run = AnalysedChurn.get();
    assertTrue(
        run.metric(run.chosen(), "test", "ece") < 0.05,
        "ECE " + run.metric(run.chosen(), "test", "ece"));
    // Scored customers: the mean gap to the planted probability is small.
    double gap = 0;
    for (Row r : run.scores) {
      gap +=
          Math.abs(
              r.<Double>getAs(Cols.CHURN_PROBABILITY)
                  - run.data.probability.get(r.<String>getAs(Cols.RESPONSE_ID)));
    }
    assertTrue(gap / run.scores.size() < 0.06, "mean |p - truth| " + gap / run.scores.size());
    // The class-weighted logit needed calibration, and it paid on held-out rows.
    CalibratorSelection.Choice logit = run.fit.models().calibration().get("logit");
    assertNotEquals("none", logit.calibrator().method());
    Map<String, Double> loss = logit.heldOutLogLoss();
    assertTrue(loss.get(logit.calibrator().method()) < loss.get("none"));
  }
}
