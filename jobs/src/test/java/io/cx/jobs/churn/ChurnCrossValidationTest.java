package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.ChurnOptions;
import io.cx.common.config.JobConfig;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Steps;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.evaluation.CrossValidation;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k-fold cross-validation on the training customers: one value per model and metric. */
class ChurnCrossValidationTest {
  @Test
  void twoFoldsGiveTheMeanOfTheHeldOutMetrics(@TempDir Path dir) {
    Workspace ws =
        ChurnJobTest.workspace(
            dir,
            "churn: {cv_folds: 2, gbt: {trees: 3, max_depth: 2, min_instances_per_node: 5},"
                + " logit: {max_iter: 10}}");
    JobConfig cfg = ws.load();
    SimulatedChurn data = new SimulatedChurn(600, -1.6, 31);
    JourneyMap journey = cfg.journeys().get(0);
    FeaturePlan plan = FeaturePlan.of(journey);
    ChurnOptions o = cfg.churn();
    Dataset<Row> frame =
        Splits.assign(
                new ChurnInputs(data.featureFrame(), data.labelFrame()).labelled(journey, plan),
                o,
                journey.churn().horizonDays())
            .cache();
    long train =
        frame.where(org.apache.spark.sql.functions.col(Splits.PART).notEqual(Splits.TEST)).count();
    List<ModelMetrics.MetricValue> cv =
        CrossValidation.run(frame, plan, o, Steps.of(SharedSpark.get(), "churn shop"));
    assertEquals(2 * ModelMetrics.METRICS.size(), cv.size());
    for (ModelMetrics.MetricValue v : cv) {
      assertEquals("cv", v.split());
      assertEquals(train, v.n(), "every training row is held out once");
    }
    assertTrue(ModelMetrics.value(cv, "logit", "cv", "auc") > 0.6);
    assertTrue(ModelMetrics.value(cv, "gbt", "cv", "auc") > 0.6);
    frame.unpersist();
  }
}
