package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SessionDefaults;
import io.cx.common.spark.TableIO;
import io.cx.jobs.ingest.IngestJob;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
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
 * ingested up to D, with churn labels as observed then. Re-running D replaces D's rows of the
 * config's journeys; other dates are left as they were. Downstream jobs read the rows of their run
 * date. A journey without a churn rule gets no churn_labels rows. Without a customers table,
 * segment is {@value FeatureColumns#UNKNOWN_SEGMENT} and region, tenure and annual value are null;
 * without a behavior_events table every metric has no events.
 */
public final class FuseJob implements Job {
  public static final String NAME = "fuse";
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
    SparkContext sc = ctx.spark().sparkContext();
    JobOutcome outcome = new JobOutcome();
    try {
      sc.setJobDescription("fuse: read inputs up to " + runDate);
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
        write(ctx, Tables.JOURNEY_STAGE_FACTS, fused.stageFacts(), scope, outcome);
        write(ctx, Tables.JOURNEY_FEATURES, fused.features(), scope, outcome);
        write(ctx, Tables.CHURN_LABELS, fused.churnLabels(), scope, outcome);
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
    } finally {
      sc.setJobDescription(null);
    }
  }

  private static void write(
      JobContext ctx, String table, Dataset<Row> rows, TableIO.Scope scope, JobOutcome outcome) {
    ctx.spark().sparkContext().setJobDescription("fuse: compute and write " + table);
    long n = ctx.tables().replace(table, rows, scope);
    outcome.written(n);
    outcome.note(table + ": " + n + " rows.");
    LOG.info("fuse {}: {} rows written for {}", table, n, ctx.runDate());
  }

  /** The three inputs up to the run date, at the versions recorded in the outcome. */
  private static FuseInputs read(TableIO tables, LocalDate runDate, JobOutcome outcome) {
    Dataset<Row> answers = asOf(tables, Tables.SURVEY_ANSWERS, runDate, outcome);
    if (answers == null) {
      throw new NoInputException(
          "table "
              + Tables.SURVEY_ANSWERS
              + " does not exist at "
              + tables.path(Tables.SURVEY_ANSWERS)
              + "; run `cx "
              + IngestJob.NAME
              + "` first");
    }
    Dataset<Row> events = asOf(tables, Tables.BEHAVIOR_EVENTS, runDate, outcome);
    if (events == null) {
      outcome.note("behavior_events does not exist: every objective metric has no events.");
      events = tables.spark().createDataFrame(List.of(), Schemas.BEHAVIOR_EVENTS);
    }
    Dataset<Row> customers = asOf(tables, Tables.CUSTOMERS, runDate, outcome);
    if (customers == null) {
      outcome.note(
          "customers does not exist: segment is "
              + FeatureColumns.UNKNOWN_SEGMENT
              + ", region, tenure and annual value are null.");
    }
    return new FuseInputs(answers, events, customers);
  }

  /**
   * A table's rows of run dates up to the run date, read at its current version (recorded), with
   * its contract columns checked; null when the table does not exist.
   */
  private static Dataset<Row> asOf(
      TableIO tables, String table, LocalDate runDate, JobOutcome outcome) {
    long version = tables.version(table);
    if (version < 0) {
      return null;
    }
    outcome.inputVersion(table, version);
    Dataset<Row> df =
        tables
            .spark()
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(tables.path(table));
    requireColumns(df, table, tables.path(table));
    return df.where(col(Cols.RUN_DATE).leq(lit(Date.valueOf(runDate))));
  }

  /** Checks an input table against its contract schema: every column, with its type. */
  private static void requireColumns(Dataset<Row> df, String table, String path) {
    StructType expected =
        switch (table) {
          case Tables.SURVEY_ANSWERS -> Schemas.SURVEY_ANSWERS;
          case Tables.BEHAVIOR_EVENTS -> Schemas.BEHAVIOR_EVENTS;
          default -> Schemas.CUSTOMERS;
        };
    Schemas.require(
        df,
        expected,
        table,
        path,
        "it was not written by this version of `cx ingest`; re-run `cx ingest` for its dates");
  }
}
