package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.job.StateAsOf;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code cx churn}: who will leave, why, and what an improvement is worth. Reads the run date's
 * journey_features and churn_labels, each at the Delta version it records for the run (so the model
 * sidecar's versions are exactly what was read); models churn per journey ({@link ChurnAnalysis});
 * saves each journey's models under the warehouse with a sidecar for reproduction ({@link
 * ModelStore}); and replaces the date's rows of model_metrics, model_curves, churn_scores,
 * driver_importance (target churn, methods logit and shap_gbt) and driver_impact.
 *
 * <p>A journey with too few churners (churn.min_churners) or one class only gets no model: the
 * run's message says why, the job still succeeds, and the date's churn rows of that journey are
 * removed rather than left from an earlier run. Re-running a date replaces its rows.
 */
public final class ChurnJob implements Job {
  public static final String NAME = JobNames.CHURN;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobOutcome outcome = new JobOutcome();
    TableIO tables = ctx.tables();
    SparkSession spark = ctx.spark();
    List<String> ids = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    int windowDays = ctx.config().history().churnWindowDays();
    StateAsOf featuresAsOf = StateAsOf.features(tables, ctx.config(), ctx.runDate(), windowDays);
    Dataset<Row> features = featuresAsOf.rows();
    StateAsOf labelsAsOf =
        StateAsOf.read(
            tables, Tables.CHURN_LABELS, ctx.runDate(), ids, ctx.config().timezone(), windowDays);
    Dataset<Row> labels = labelsAsOf.rows();
    Schemas.requireTable(labels, Tables.CHURN_LABELS, tables.path(Tables.CHURN_LABELS));
    if (featuresAsOf.note() != null) {
      outcome.note(featuresAsOf.note());
    }
    long featuresVersion = featuresAsOf.version();
    long labelsVersion = labelsAsOf.version();
    try (Steps steps = Steps.of(spark, NAME)) {
      return run(ctx, steps, features, labels, featuresVersion, labelsVersion, outcome);
    }
  }

  private static JobOutcome run(
      JobContext ctx,
      Steps steps,
      Dataset<Row> features,
      Dataset<Row> labels,
      long featuresVersion,
      long labelsVersion,
      JobOutcome outcome) {
    SparkSession spark = ctx.spark();
    steps.start("count inputs");
    long read = features.count();
    outcome.read(read);
    if (read == 0) {
      throw new NoInputException(
          "journey_features has no rows submitted in the "
              + ctx.config().history().churnWindowDays()
              + " days up to "
              + ctx.runDate()
              + " (churn.window_days); run `cx fuse` for this date first");
    }
    steps.start("model churn per journey");
    try (ChurnAnalysis.Result result =
        ChurnAnalysis.run(
            features,
            labels,
            ctx.config().journeys(),
            ctx.config().churn(),
            CrosshairRule.of(ctx.config().drivers()),
            ctx.runId(),
            ctx.runDate())) {
      result.notes().forEach(outcome::note);
      for (JourneyModels fit : result.models()) {
        steps.start("save the models of " + fit.journey());
        ModelStore.save(
            spark,
            ModelStore.folder(ctx.config().warehouse(), fit.journey(), ctx.runDate()),
            fit.models(),
            ModelSidecar.of(
                new ModelSidecar.Run(
                    fit,
                    ctx.runDate(),
                    ctx.config().configHash(),
                    featuresVersion,
                    labelsVersion,
                    ctx.config().churn())));
      }
      write(ctx, steps, result, outcome);
    }
    return outcome;
  }

  private static void write(
      JobContext ctx, Steps steps, ChurnAnalysis.Result result, JobOutcome outcome) {
    TableIO tables = ctx.tables();
    List<String> journeys = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    TableIO.Scope all = TableIO.Scope.journeys(ctx.runDate(), journeys);
    TableIO.Scope churn = all.and(Cols.TARGET, List.of(ChurnImportanceRows.TARGET));
    steps.start("write " + Tables.MODEL_METRICS);
    outcome.written(tables.replace(Tables.MODEL_METRICS, result.metrics(), churn));
    steps.start("write " + Tables.MODEL_CURVES);
    outcome.written(tables.replace(Tables.MODEL_CURVES, result.curves(), all));
    steps.start("write " + Tables.DRIVER_IMPORTANCE);
    outcome.written(tables.replace(Tables.DRIVER_IMPORTANCE, result.importance(), churn));
    steps.start("write " + Tables.DRIVER_IMPACT);
    outcome.written(tables.replace(Tables.DRIVER_IMPACT, result.impact(), all));
    steps.start("write " + Tables.CHURN_SCORES);
    outcome.written(tables.replace(Tables.CHURN_SCORES, result.scores(), all));
  }
}
