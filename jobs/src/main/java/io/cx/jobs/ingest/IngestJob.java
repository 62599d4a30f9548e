package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.InputRejectedException;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SessionDefaults;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx ingest}: reads the run date's surveys, events and customers, types and checks every
 * row, and writes survey_answers, behavior_events and customers, with every bad row in
 * rejected_records. When a source's reject rate passes {@code quality.max_reject_rate}, the rejects
 * are written, the clean tables are left as they were, and the run fails with exit code 3.
 */
public final class IngestJob implements Job {
  public static final String NAME = JobNames.INGEST;
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobConfig cfg = ctx.config();
    TableIO tables = ctx.tables();
    String key = cfg.privacy().pseudonymiseIds() ? cfg.privacy().key() : null;
    CleanContext cc =
        new CleanContext(cfg.journeys(), cfg.timezone(), ctx.runDate(), ctx.runId(), key);
    JobOutcome outcome = new JobOutcome();

    Map<Source, Dataset<Row>> inputs = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      InputSpec spec = source.spec(cfg);
      if (spec != null) {
        InputReader.read(ctx.spark(), source.id(), spec, ctx.runDate())
            .map(df -> InputReader.prepare(df, Cols.CUSTOMER_ID, key))
            .ifPresent(df -> inputs.put(source, df));
      }
    }
    if (inputs.isEmpty()) {
      throw new NoInputException(
          "no input for "
              + ctx.runDate()
              + ": nothing matches "
              + Arrays.stream(Source.values())
                  .filter(s -> s.spec(cfg) != null)
                  .map(s -> s.spec(cfg).pathFor(ctx.runDate()))
                  .collect(Collectors.joining(" nor ")));
    }
    long inputBytes =
        inputs.values().stream()
            .mapToLong(SessionDefaults::sizeInBytes)
            .reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
    SessionDefaults.sizeShuffles(ctx.spark(), inputBytes);
    Map<Source, Cleaned> cleaned = new EnumMap<>(Source.class);
    inputs.forEach(
        (source, df) -> cleaned.put(source, clean(source, df, cfg, tables, cc, outcome)));

    List<SourceReport> reports = new ArrayList<>();
    Dataset<Row> rejected = null;
    try (Steps steps = Steps.of(ctx.spark(), NAME)) {
      for (Map.Entry<Source, Cleaned> e : cleaned.entrySet()) {
        steps.start("check " + e.getKey());
        e.getValue().marked().persist(StorageLevel.MEMORY_AND_DISK());
        SourceReport report = SourceReport.of(e.getKey().id(), e.getValue().marked());
        reports.add(report);
        outcome.read(report.read()).rejected(report.rejected()).note(report.summary());
        LOG.info("ingest {}", report.summary());
        rejected =
            rejected == null
                ? e.getValue().rejected()
                : rejected.unionByName(e.getValue().rejected());
      }
      steps.start("write " + Tables.REJECTED_RECORDS);
      tables.replace(
          Tables.REJECTED_RECORDS,
          Schemas.conform(rejected, Rejects.SCHEMA),
          TableIO.Scope.date(ctx.runDate()).job(Rejects.JOB));

      String gate = qualityGate(reports, cfg.quality().maxRejectRate());
      if (gate != null) {
        return outcome.fail(new InputRejectedException(gate));
      }
      writeClean(ctx, steps, cleaned, reports, outcome);
      return outcome;
    } finally {
      cleaned.values().forEach(c -> c.marked().unpersist());
    }
  }

  private static Cleaned clean(
      Source source,
      Dataset<Row> df,
      JobConfig cfg,
      TableIO tables,
      CleanContext cc,
      JobOutcome outcome) {
    return switch (source) {
      case SURVEYS -> cleanSurveys(df, cfg, tables, cc, outcome);
      case EVENTS ->
          EventCleaner.clean(
              withExtrasNoted(df, source, outcome),
              otherDates(tables, Tables.BEHAVIOR_EVENTS, cc, Cols.EVENT_ID),
              cc);
      case CUSTOMERS -> CustomerCleaner.clean(withExtrasNoted(df, source, outcome), cc);
    };
  }

  private static Cleaned cleanSurveys(
      Dataset<Row> df, JobConfig cfg, TableIO tables, CleanContext cc, JobOutcome outcome) {
    Dataset<Row> answers;
    if (cfg.surveys().layout() == InputSpec.Layout.WIDE) {
      noteExtras(outcome, Source.SURVEYS, WideLayout.extras(df, cfg.journeys()));
      answers = WideLayout.melt(df, cfg.journeys());
    } else {
      answers = withExtrasNoted(df, Source.SURVEYS, outcome);
    }
    return SurveyCleaner.clean(
        answers,
        otherDates(tables, Tables.SURVEY_ANSWERS, cc, Cols.RESPONSE_ID, Cols.QUESTION_ID),
        cc);
  }

  /** The key columns of a table's rows of other run dates, or null when the table is missing. */
  private static Dataset<Row> otherDates(
      TableIO tables, String table, CleanContext cc, String... keyColumns) {
    return tables
        .readIfExists(table)
        .map(
            df ->
                df.where(col(Cols.RUN_DATE).notEqual(lit(Date.valueOf(cc.runDate()))))
                    .select(Arrays.stream(keyColumns).map(c -> col(c)).toArray(Column[]::new)))
        .orElse(null);
  }

  private static Dataset<Row> withExtrasNoted(Dataset<Row> df, Source source, JobOutcome outcome) {
    List<String> known = new ArrayList<>(source.required());
    known.addAll(source.optional());
    noteExtras(outcome, source, Columns.extras(df, known));
    return df;
  }

  private static void noteExtras(JobOutcome outcome, Source source, List<String> extras) {
    if (!extras.isEmpty()) {
      String s =
          source
              + ": columns not in the data contract were ignored: "
              + String.join(", ", extras)
              + ".";
      outcome.note(s);
      LOG.info("ingest {}", s);
    }
  }

  /** The message of a failed gate, or null when every source passes. */
  static String qualityGate(List<SourceReport> reports, double maxRate) {
    List<String> failed = new ArrayList<>();
    for (SourceReport r : reports) {
      if (r.gateRate() > maxRate) {
        failed.add(
            String.format(
                Locale.ROOT,
                "%s: %d of %d rows rejected (%.1f %%, above quality.max_reject_rate %.1f %%); %s",
                r.source(),
                r.gateRejected(),
                r.read(),
                100 * r.gateRate(),
                100 * maxRate,
                r.summary()));
      }
    }
    return failed.isEmpty()
        ? null
        : "input failed the quality gate, clean tables not written, see rejected_records: "
            + String.join(" ", failed);
  }

  private static void writeClean(
      JobContext ctx,
      Steps steps,
      Map<Source, Cleaned> cleaned,
      List<SourceReport> reports,
      JobOutcome outcome) {
    List<String> journeys = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    for (Map.Entry<Source, Cleaned> e : cleaned.entrySet()) {
      Source source = e.getKey();
      TableIO.Scope scope =
          source == Source.SURVEYS
              ? TableIO.Scope.journeys(ctx.runDate(), journeys)
              : TableIO.Scope.date(ctx.runDate());
      steps.start("write " + source.table());
      long written = ctx.tables().replace(source.table(), e.getValue().clean(), scope);
      outcome.written(written);
      if (source == Source.SURVEYS) {
        long clean =
            reports.stream()
                .filter(r -> r.source().equals(Source.SURVEYS.id()))
                .mapToLong(SourceReport::clean)
                .sum();
        if (written > clean) {
          outcome.note(
              "survey_answers: "
                  + (written - clean)
                  + " questions without a row in the export were added as skipped (score null).");
        }
      }
    }
  }
}
