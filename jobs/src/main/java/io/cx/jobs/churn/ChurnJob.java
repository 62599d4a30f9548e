package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.TableIO;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx churn}: who will leave, why, and what an improvement is worth. For each journey with a
 * churn rule, trains a class-weighted, L2-penalised logistic regression and gradient-boosted trees
 * on the run date's journey_features joined with the observed churn_labels, calibrates both, scores
 * the customers with the one of lower test log loss, and writes model_metrics, churn_scores,
 * driver_importance (target churn, methods logit and shap_gbt) and driver_impact; the models are
 * saved under the warehouse with a sidecar for reproduction ({@link ModelStore}).
 *
 * <p>A journey with too few churners (churn.min_churners) or one class only gets no model: the
 * run's message says why, the job still succeeds, and the date's churn rows of that journey are
 * removed rather than left from an earlier run. Re-running a date replaces its rows.
 */
public final class ChurnJob implements Job {
  public static final String NAME = JobNames.CHURN;
  private static final Logger LOG = LoggerFactory.getLogger(ChurnJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobOutcome outcome = new JobOutcome();
    ChurnInputs inputs = ChurnInputs.read(ctx.tables(), ctx.runDate());
    outcome.inputVersion(Tables.JOURNEY_FEATURES, inputs.featuresVersion());
    outcome.inputVersion(Tables.CHURN_LABELS, inputs.labelsVersion());
    ctx.spark().sparkContext().setJobDescription("churn: count inputs");
    long read = inputs.allFeatures().count();
    outcome.read(read);
    if (read == 0) {
      throw new NoInputException(
          "journey_features has no rows for "
              + ctx.runDate()
              + "; run `cx fuse` for this date first");
    }
    List<JourneyChurn> runs = new ArrayList<>();
    List<JourneyChurn.Output> outputs = new ArrayList<>();
    try {
      for (JourneyMap journey : ctx.config().journeys()) {
        if (journey.churn() == null) {
          outcome.note(journey.id() + ": no churn rule in the journey map, no churn model.");
          continue;
        }
        JourneyChurn run = new JourneyChurn(ctx, inputs, journey);
        runs.add(run);
        JourneyChurn.Output out = run.run();
        outputs.add(out);
        outcome.note(out.note());
        LOG.info("{}", out.note());
      }
      write(ctx, outputs, outcome);
    } finally {
      runs.forEach(JourneyChurn::release);
      ctx.spark().sparkContext().setJobDescription(null);
    }
    return outcome;
  }

  private static void write(JobContext ctx, List<JourneyChurn.Output> outputs, JobOutcome outcome) {
    SparkSession spark = ctx.spark();
    TableIO tables = ctx.tables();
    List<String> journeys = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    TableIO.Scope all = TableIO.Scope.journeys(ctx.runDate(), journeys);
    TableIO.Scope churn = all.and(Cols.TARGET, List.of(DriverRows.TARGET));
    List<Row> metrics = new ArrayList<>();
    List<Row> drivers = new ArrayList<>();
    List<Row> impact = new ArrayList<>();
    Dataset<Row> scores = spark.createDataFrame(List.of(), Schemas.CHURN_SCORES);
    for (JourneyChurn.Output o : outputs) {
      metrics.addAll(o.metrics());
      drivers.addAll(o.drivers());
      impact.addAll(o.impact());
      if (o.scores() != null) {
        scores = scores.unionByName(o.scores());
      }
    }
    describe(spark, "write " + Tables.MODEL_METRICS);
    outcome.written(
        tables.replace(
            Tables.MODEL_METRICS, spark.createDataFrame(metrics, Schemas.MODEL_METRICS), churn));
    describe(spark, "write " + Tables.DRIVER_IMPORTANCE);
    outcome.written(
        tables.replace(
            Tables.DRIVER_IMPORTANCE,
            spark.createDataFrame(drivers, Schemas.DRIVER_IMPORTANCE),
            churn));
    describe(spark, "write " + Tables.DRIVER_IMPACT);
    outcome.written(
        tables.replace(
            Tables.DRIVER_IMPACT, spark.createDataFrame(impact, Schemas.DRIVER_IMPACT), all));
    describe(spark, "write " + Tables.CHURN_SCORES);
    outcome.written(tables.replace(Tables.CHURN_SCORES, scores, all));
  }

  private static void describe(SparkSession spark, String step) {
    spark.sparkContext().setJobDescription("churn: " + step);
  }
}
