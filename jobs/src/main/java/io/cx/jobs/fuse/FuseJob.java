package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SessionDefaults;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx fuse}: puts what each customer said in a survey beside what that customer did and
 * suffered before it, per journey stage, and labels churn after it. Reads survey_answers,
 * behavior_events and customers of every run date up to the run date D (at the Delta versions it
 * records in run_log), and writes journey_stage_facts, journey_features and churn_labels.
 *
 * <p>Each run date's rows are a snapshot of everything known at the end of D: every response
 * ingested up to D, with its customer as known on the survey's day (see {@link CustomerProfiles})
 * and churn labels as observed at the end of D. Re-running D replaces D's rows of the config's
 * journeys; other dates are left as they were. Downstream jobs read the rows of their run date. A
 * journey without a churn rule gets no churn_labels rows. Without a customers table, segment is
 * {@value FeatureColumns#UNKNOWN_SEGMENT} and region, tenure and annual value are null; without a
 * behavior_events table every metric has no events.
 */
public final class FuseJob implements Job {
  public static final String NAME = JobNames.FUSE;
  private static final Logger LOG = LoggerFactory.getLogger(FuseJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobConfig cfg = ctx.config();
    TableIO tables = ctx.tables();
    LocalDate runDate = ctx.runDate();
    List<JourneyMap> journeys = cfg.journeys();
    List<String> ids = journeys.stream().map(JourneyMap::id).toList();
    JobOutcome outcome = new JobOutcome();
    try (Steps steps = Steps.of(ctx.spark(), NAME)) {
      steps.start("read inputs up to " + runDate);
      FuseInputs in = read(tables, runDate, outcome);
      SessionDefaults.sizeShuffles(ctx.spark(), SessionDefaults.sizeInBytes(in.events()));
      Dataset<Row> answers = in.answers().where(col(Cols.JOURNEY).isin(ids.toArray()));
      long answerRows = answers.count();
      if (answerRows == 0) {
        throw new NoInputException(
            "no survey answers of journeys "
                + String.join(", ", ids)
                + " up to "
                + runDate
                + " in "
                + tables.path(Tables.SURVEY_ANSWERS)
                + "; run `cx ingest` for a date with surveys first");
      }
      long eventRows = in.events().count();
      long customerRows = in.customers() == null ? 0 : in.customers().count();
      outcome.read(answerRows + eventRows + customerRows);

      Instant runEnd = runDate.plusDays(1).atStartOfDay(cfg.timezone()).toInstant();
      Fusion.Fused fused =
          Fusion.fuse(
              new FuseInputs(answers, in.events(), in.customers()), journeys, runDate, runEnd);
      fused.responses().persist(StorageLevel.MEMORY_AND_DISK());
      fused.fused().persist(StorageLevel.MEMORY_AND_DISK());
      try {
        TableIO.Scope scope = TableIO.Scope.journeys(runDate, ids);
        write(ctx, steps, Tables.JOURNEY_STAGE_FACTS, fused.stageFacts(), scope, outcome);
        write(ctx, steps, Tables.JOURNEY_FEATURES, fused.features(), scope, outcome);
        write(ctx, steps, Tables.CHURN_LABELS, fused.churnLabels(), scope, outcome);
      } finally {
        fused.fused().unpersist();
        fused.responses().unpersist();
      }
      String noRule =
          journeys.stream()
              .filter(j -> j.churn() == null)
              .map(JourneyMap::id)
              .collect(Collectors.joining(", "));
      if (!noRule.isEmpty()) {
        outcome.note(
            "churn_labels: no rows for journey(s) "
                + noRule
                + ", whose journey map has no churn rule.");
      }
      return outcome;
    }
  }

  private static void write(
      JobContext ctx,
      Steps steps,
      String table,
      Dataset<Row> rows,
      TableIO.Scope scope,
      JobOutcome outcome) {
    steps.start("compute and write " + table);
    long n = ctx.tables().replace(table, rows, scope);
    outcome.written(n);
    outcome.note(table + ": " + n + " rows.");
    LOG.info("fuse {}: {} rows written for {}", table, n, ctx.runDate());
  }

  /** The three inputs up to the run date, at the versions recorded for run_log. */
  private static FuseInputs read(TableIO tables, LocalDate runDate, JobOutcome outcome) {
    Dataset<Row> answers =
        upTo(Tables.SURVEY_ANSWERS, tables.read(Tables.SURVEY_ANSWERS), tables, runDate);
    Dataset<Row> events =
        tables
            .readIfExists(Tables.BEHAVIOR_EVENTS)
            .map(df -> upTo(Tables.BEHAVIOR_EVENTS, df, tables, runDate))
            .orElse(null);
    if (events == null) {
      outcome.note("behavior_events does not exist: every objective metric has no events.");
      events = tables.spark().createDataFrame(List.of(), Schemas.BEHAVIOR_EVENTS);
    }
    Dataset<Row> customers =
        tables
            .readIfExists(Tables.CUSTOMERS)
            .map(df -> upTo(Tables.CUSTOMERS, df, tables, runDate))
            .orElse(null);
    if (customers == null) {
      outcome.note(
          "customers does not exist: segment is "
              + FeatureColumns.UNKNOWN_SEGMENT
              + ", region, tenure and annual value are null.");
    }
    return new FuseInputs(answers, events, customers);
  }

  /** A table's rows of run dates up to the run date, its contract columns checked. */
  private static Dataset<Row> upTo(
      String table, Dataset<Row> df, TableIO tables, LocalDate runDate) {
    Schemas.requireTable(df, table, tables.path(table));
    return df.where(col(Cols.RUN_DATE).leq(lit(Date.valueOf(runDate))));
  }
}
