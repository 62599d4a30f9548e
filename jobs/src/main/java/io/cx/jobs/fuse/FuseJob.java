package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.JobConfig;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.job.StateAsOf;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.CurrentState;
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
 * <p>The tables hold one current row per response (per stage in journey_stage_facts): everything
 * known at the end of D, every response ingested up to D with its customer as known on the survey's
 * day (see {@link CustomerProfiles}) and churn labels as observed at the end of D. A run recomputes
 * what changed since the last one ({@link FuseChanges}) and writes the rows whose values changed;
 * the state as of D stays readable by Delta time travel at the versions run_log records, which is
 * how downstream jobs read it. A journey without a churn rule gets no churn_labels rows. Without a
 * customers table, segment is {@value FeatureColumns#UNKNOWN_SEGMENT} and region, tenure and annual
 * value are null; without a behavior_events table every metric has no events.
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
      FuseChanges changes = changes(tables, cfg, runDate);
      outcome.note(
          changes.full()
              ? changes.reason()
              : "Incremental: the responses whose inputs changed since the last fuse run"
                  + " recomputed, and the churn labels still open.");
      Dataset<Row> answers = in.answers().where(col(Cols.JOURNEY).isin(ids.toArray()));
      if (answers.isEmpty()) {
        throw new NoInputException(
            "no survey answers of journeys "
                + String.join(", ", ids)
                + " up to "
                + runDate
                + " in "
                + tables.path(Tables.SURVEY_ANSWERS)
                + "; run `cx ingest` for a date with surveys first");
      }
      FuseInputs scoped = new FuseInputs(answers, in.events(), in.customers());
      Dataset<Row> labelsOnly = null;
      if (!changes.full()) {
        Recompute.Scope scope = Recompute.narrow(answers, in, changes, journeys);
        scoped = scope.inputs();
        labelsOnly = scope.labelsOnly();
      }
      SessionDefaults.sizeShuffles(ctx.spark(), SessionDefaults.sizeInBytes(scoped.events()));
      long answerRows = scoped.answers().count();
      long eventRows = scoped.events().count();
      long customerRows = scoped.customers() == null ? 0 : scoped.customers().count();
      long labelRows = labelsOnly == null ? 0 : labelsOnly.count();
      outcome.read(answerRows + eventRows + customerRows + labelRows);

      Instant runEnd = runDate.plusDays(1).atStartOfDay(cfg.timezone()).toInstant();
      Fusion.Fused fused = Fusion.fuse(scoped, labelsOnly, journeys, runDate, runEnd);
      fused.responses().persist(StorageLevel.MEMORY_AND_DISK());
      fused.fused().persist(StorageLevel.MEMORY_AND_DISK());
      try {
        // The responses recomputed in full: every fused one is among them (its answers are
        // narrowed to them), and so is each whose answers are gone (to be deleted). The labels
        // recomputed are theirs and the open ones.
        Dataset<Row> keys = changes.keys();
        Dataset<Row> labelKeys =
            labelsOnly == null
                ? keys
                : keys.union(labelsOnly.select(Cols.JOURNEY, Cols.RESPONSE_ID));
        write(
            ctx, steps, Tables.JOURNEY_STAGE_FACTS, fused.stageFacts(), keys, STAGE_KEYS, outcome);
        write(ctx, steps, Tables.JOURNEY_FEATURES, fused.features(), keys, RESPONSE_KEYS, outcome);
        write(
            ctx,
            steps,
            Tables.CHURN_LABELS,
            fused.churnLabels(),
            labelKeys,
            RESPONSE_KEYS,
            outcome);
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

  private static final List<String> RESPONSE_KEYS = List.of(Cols.JOURNEY, Cols.RESPONSE_ID);
  private static final List<String> STAGE_KEYS =
      List.of(Cols.JOURNEY, Cols.RESPONSE_ID, Cols.STAGE);

  /**
   * What this run recomputes. A full recompute asked for by the config, or of a table of the old
   * layout (which it rebuilds), recomputes everything; otherwise {@link FuseChanges#since}.
   */
  private static FuseChanges changes(TableIO tables, JobConfig cfg, LocalDate runDate) {
    if (cfg.history().fuseRecompute() == KpiOptions.Recompute.FULL) {
      StringBuilder reason = new StringBuilder("fuse.recompute is full: every response computed.");
      for (String t : FuseChanges.OUTPUTS) {
        if (CurrentState.hasOldLayout(tables, t)) {
          reason
              .append(' ')
              .append(t)
              .append(
                  " had the per-run-date layout of an older cx and is rebuilt as current state (its"
                      + " rows of journeys not in this config are gone from its latest version).");
        }
      }
      LOG.info("fuse: {}", reason);
      return FuseChanges.all(reason.toString());
    }
    for (String t : FuseChanges.OUTPUTS) {
      CurrentState.requireLayout(tables, t, StateAsOf.rebuildCommand(runDate));
    }
    return FuseChanges.since(tables, cfg.journeys(), runDate, tables.versionsRead());
  }

  /**
   * Writes one table: every row of the journeys on a full run; on an incremental run, the rows of
   * the recomputed responses that changed ({@link CurrentState#update}).
   */
  private static void write(
      JobContext ctx,
      Steps steps,
      String table,
      Dataset<Row> rows,
      Dataset<Row> keys,
      List<String> keyColumns,
      JobOutcome outcome) {
    steps.start("compute and write " + table);
    List<String> ids = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    TableIO tables = ctx.tables();
    if (keys == null) {
      long n = CurrentState.rebuild(tables, table, rows, ids);
      outcome.written(n);
      outcome.note(table + ": " + n + " rows.");
      LOG.info("fuse {}: {} rows written for {}", table, n, ctx.runDate());
      return;
    }
    CurrentState.Change c = CurrentState.update(tables, table, rows, keys, keyColumns, 2, ids);
    if (c.written() == 0 && c.deleted() == 0) {
      tables.keptAsIs(table);
    }
    outcome.written(c.written() + c.deleted());
    outcome.note(table + ": " + c.written() + " rows written, " + c.deleted() + " deleted.");
    LOG.info(
        "fuse {}: {} rows written, {} deleted for {}",
        table,
        c.written(),
        c.deleted(),
        ctx.runDate());
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
