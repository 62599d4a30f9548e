package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.TableIO;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code cx churn}: who will leave, why, and what an improvement is worth. Reads the run date's
 * journey_features and churn_labels, each at the Delta version it records for the run (so the model
 * sidecar's versions are exactly what was read); models churn per journey ({@link ChurnAnalysis});
 * saves each journey's models under the warehouse with a sidecar for reproduction ({@link
 * ModelStore}); and replaces the date's rows of model_metrics, churn_scores, driver_importance
 * (target churn, methods logit and shap_gbt) and driver_impact.
 *
 * <p>A journey with too few churners (churn.min_churners) or one class only gets no model: the
 * run's message says why, the job still succeeds, and the date's churn rows of that journey are
 * removed rather than left from an earlier run. Re-running a date replaces its rows.
 */
public final class ChurnJob implements Job {
  public static final String NAME = "churn";

  /** The job that writes the churn job's input tables, named in "run it first" messages. */
  static final String PRODUCER = "fuse";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobOutcome outcome = new JobOutcome();
    TableIO tables = ctx.tables();
    SparkSession spark = ctx.spark();
    tables.read(Tables.JOURNEY_FEATURES, PRODUCER);
    tables.read(Tables.CHURN_LABELS, PRODUCER);
    long featuresVersion = tables.version(Tables.JOURNEY_FEATURES);
    long labelsVersion = tables.version(Tables.CHURN_LABELS);
    outcome.inputVersion(Tables.JOURNEY_FEATURES, featuresVersion);
    outcome.inputVersion(Tables.CHURN_LABELS, labelsVersion);
    Dataset<Row> features =
        atVersion(tables, Tables.JOURNEY_FEATURES, featuresVersion, ctx.runDate());
    Dataset<Row> labels = atVersion(tables, Tables.CHURN_LABELS, labelsVersion, ctx.runDate());
    describe(spark, "count inputs");
    long read = features.count();
    outcome.read(read);
    if (read == 0) {
      throw new NoInputException(
          "journey_features has no rows for "
              + ctx.runDate()
              + "; run `cx fuse` for this date first");
    }
    try (ChurnAnalysis.Result result =
        ChurnAnalysis.run(
            features,
            labels,
            ctx.config().journeys(),
            ctx.config().churn(),
            ctx.runId(),
            ctx.runDate())) {
      result.notes().forEach(outcome::note);
      for (JourneyModels fit : result.models()) {
        describe(spark, "save the models of " + fit.journey());
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
      write(ctx, result, outcome);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
    return outcome;
  }

  private static Dataset<Row> atVersion(TableIO t, String table, long version, LocalDate date) {
    return t.spark()
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(t.path(table))
        .where(col(Cols.RUN_DATE).equalTo(lit(Date.valueOf(date))));
  }

  private static void write(JobContext ctx, ChurnAnalysis.Result result, JobOutcome outcome) {
    SparkSession spark = ctx.spark();
    TableIO tables = ctx.tables();
    List<String> journeys = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    TableIO.Scope all = TableIO.Scope.journeys(ctx.runDate(), journeys);
    TableIO.Scope churn = all.and(Cols.TARGET, List.of(ChurnImportanceRows.TARGET));
    describe(spark, "write " + Tables.MODEL_METRICS);
    outcome.written(tables.replace(Tables.MODEL_METRICS, result.metrics(), churn));
    describe(spark, "write " + Tables.DRIVER_IMPORTANCE);
    outcome.written(tables.replace(Tables.DRIVER_IMPORTANCE, result.importance(), churn));
    describe(spark, "write " + Tables.DRIVER_IMPACT);
    outcome.written(tables.replace(Tables.DRIVER_IMPACT, result.impact(), all));
    describe(spark, "write " + Tables.CHURN_SCORES);
    outcome.written(tables.replace(Tables.CHURN_SCORES, result.scores(), all));
  }

  private static void describe(SparkSession spark, String step) {
    spark.sparkContext().setJobDescription("churn: " + step);
  }
}
