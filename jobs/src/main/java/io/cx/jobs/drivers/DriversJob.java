package io.cx.jobs.drivers;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.job.StateAsOf;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx drivers}: reads the run date's journey_features rows of the config's journeys, works
 * out what drives satisfaction and recommendation overall and per segment ({@link DriverAnalysis}),
 * and replaces that date's rows of driver_importance (targets satisfaction and recommend only: the
 * churn job writes its own rows there) and metric_thresholds. Segments too small to estimate are
 * named in the run's note and stand in the table as rows with method {@code none}.
 */
public final class DriversJob implements Job {
  public static final String NAME = JobNames.DRIVERS;
  private static final Logger LOG = LoggerFactory.getLogger(DriversJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    TableIO tables = ctx.tables();
    JobOutcome outcome = new JobOutcome();
    List<JourneyMap> journeys = ctx.config().journeys();
    List<String> ids = journeys.stream().map(JourneyMap::id).toList();

    int windowDays = ctx.config().history().driversWindowDays();
    StateAsOf asOf = StateAsOf.features(tables, ctx.config(), ctx.runDate(), windowDays);
    if (asOf.note() != null) {
      outcome.note(asOf.note());
    }
    Dataset<Row> today = asOf.rows();

    DriverAnalysis.Result result =
        DriverAnalysis.run(today, journeys, ctx.config().drivers(), ctx.runId(), ctx.runDate());
    if (result.rowsRead() == 0) {
      throw new NoInputException(
          "no journey_features rows submitted in the "
              + windowDays
              + " days up to "
              + ctx.runDate()
              + " (drivers.window_days) for journeys "
              + String.join(", ", ids)
              + "; run `cx fuse` for this date first");
    }
    outcome.read(result.rowsRead());
    result.notes().forEach(outcome::note);
    result.notes().forEach(n -> LOG.info("{}", n));

    TableIO.Scope importanceScope =
        TableIO.Scope.journeys(ctx.runDate(), ids)
            .and(Cols.TARGET, List.of(Target.SATISFACTION.id(), Target.RECOMMEND.id()));
    try (Steps steps = Steps.of(ctx.spark(), NAME)) {
      steps.start("write " + Tables.DRIVER_IMPORTANCE);
      outcome.written(
          tables.replace(Tables.DRIVER_IMPORTANCE, result.importance(), importanceScope));
      steps.start("write " + Tables.METRIC_THRESHOLDS);
      outcome.written(
          tables.replace(
              Tables.METRIC_THRESHOLDS,
              result.thresholds(),
              TableIO.Scope.journeys(ctx.runDate(), ids)));
    }
    return outcome;
  }
}
