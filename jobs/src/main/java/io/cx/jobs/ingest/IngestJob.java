package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.InputRejectedException;
import io.cx.common.error.NoInputException;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SessionDefaults;
import io.cx.common.spark.TableIO;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
  public static final String NAME = "ingest";
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

    Map<String, Cleaned> cleaned = new LinkedHashMap<>();
    Optional<Dataset<Row>> surveys = read(ctx, "surveys", cfg.surveys(), key);
    Optional<Dataset<Row>> events = read(ctx, "events", cfg.events(), key);
    Optional<Dataset<Row>> customers =
        cfg.customers() == null ? Optional.empty() : read(ctx, "customers", cfg.customers(), key);
    if (surveys.isEmpty() && events.isEmpty() && customers.isEmpty()) {
      throw new NoInputException(
          "no input for "
              + ctx.runDate()
              + ": nothing matches "
              + cfg.surveys().pathFor(ctx.runDate())
              + " nor "
              + cfg.events().pathFor(ctx.runDate())
              + (cfg.customers() == null ? "" : " nor " + cfg.customers().pathFor(ctx.runDate())));
    }
    long inputBytes =
        Stream.of(surveys, events, customers)
            .flatMap(Optional::stream)
            .mapToLong(SessionDefaults::sizeInBytes)
            .reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
    SessionDefaults.sizeShuffles(ctx.spark(), inputBytes);
    surveys.ifPresent(df -> cleaned.put("surveys", cleanSurveys(df, cfg, tables, cc, outcome)));
    events.ifPresent(
        df ->
            cleaned.put(
                "events",
                EventCleaner.clean(
                    withExtrasNoted(
                        df, "events", EventCleaner.REQUIRED, EventCleaner.OPTIONAL, outcome),
                    existing(tables, Tables.BEHAVIOR_EVENTS, ctx, Cols.EVENT_ID, outcome),
                    cc)));
    customers.ifPresent(
        df ->
            cleaned.put(
                "customers",
                CustomerCleaner.clean(
                    withExtrasNoted(
                        df,
                        "customers",
                        CustomerCleaner.REQUIRED,
                        CustomerCleaner.OPTIONAL,
                        outcome),
                    cc)));

    List<SourceReport> reports = new ArrayList<>();
    Dataset<Row> rejected = null;
    try {
      for (Map.Entry<String, Cleaned> e : cleaned.entrySet()) {
        ctx.spark().sparkContext().setJobDescription("ingest: check " + e.getKey());
        e.getValue().marked().persist(StorageLevel.MEMORY_AND_DISK());
        SourceReport report = SourceReport.of(e.getKey(), e.getValue().marked());
        reports.add(report);
        outcome.read(report.read()).rejected(report.rejected()).note(report.summary());
        LOG.info("ingest {}", report.summary());
        rejected =
            rejected == null
                ? e.getValue().rejected()
                : rejected.unionByName(e.getValue().rejected());
      }
      ctx.spark().sparkContext().setJobDescription("ingest: write rejected_records");
      tables.replace(
          Tables.REJECTED_RECORDS,
          Schemas.conform(rejected, Rejects.SCHEMA),
          TableIO.Scope.date(ctx.runDate()).job(Rejects.JOB));

      String gate = qualityGate(reports, cfg.quality().maxRejectRate());
      if (gate != null) {
        return outcome.fail(new InputRejectedException(gate));
      }
      writeClean(ctx, cleaned, reports, outcome);
      return outcome;
    } finally {
      cleaned.values().forEach(c -> c.marked().unpersist());
      ctx.spark().sparkContext().setJobDescription(null);
    }
  }

  private static Optional<Dataset<Row>> read(
      JobContext ctx, String source, InputSpec spec, String key) {
    return InputReader.read(ctx.spark(), source, spec, ctx.runDate())
        .map(df -> InputReader.prepare(df, Cols.CUSTOMER_ID, key));
  }

  private static Cleaned cleanSurveys(
      Dataset<Row> df, JobConfig cfg, TableIO tables, CleanContext cc, JobOutcome outcome) {
    Dataset<Row> answers;
    if (cfg.surveys().layout() == InputSpec.Layout.WIDE) {
      noteExtras(outcome, "surveys", WideLayout.extras(df, cfg.journeys()));
      answers = WideLayout.melt(df, cfg.journeys());
    } else {
      answers =
          withExtrasNoted(df, "surveys", SurveyCleaner.REQUIRED, SurveyCleaner.OPTIONAL, outcome);
    }
    Dataset<Row> existing = null;
    if (tables.exists(Tables.SURVEY_ANSWERS)) {
      outcome.inputVersion(Tables.SURVEY_ANSWERS, tables.version(Tables.SURVEY_ANSWERS));
      existing =
          tables
              .read(Tables.SURVEY_ANSWERS, NAME)
              .where(col(Cols.RUN_DATE).notEqual(lit(Date.valueOf(cc.runDate()))))
              .select(Cols.RESPONSE_ID, Cols.QUESTION_ID);
    }
    return SurveyCleaner.clean(answers, existing, cc);
  }

  private static Dataset<Row> existing(
      TableIO tables, String table, JobContext ctx, String keyColumn, JobOutcome outcome) {
    if (!tables.exists(table)) {
      return null;
    }
    outcome.inputVersion(table, tables.version(table));
    return tables
        .read(table, NAME)
        .where(col(Cols.RUN_DATE).notEqual(lit(Date.valueOf(ctx.runDate()))))
        .select(keyColumn);
  }

  private static Dataset<Row> withExtrasNoted(
      Dataset<Row> df,
      String source,
      List<String> required,
      List<String> optional,
      JobOutcome outcome) {
    List<String> known = new ArrayList<>(required);
    known.addAll(optional);
    noteExtras(outcome, source, Columns.extras(df, known));
    return df;
  }

  private static void noteExtras(JobOutcome outcome, String source, List<String> extras) {
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
      Map<String, Cleaned> cleaned,
      List<SourceReport> reports,
      JobOutcome outcome) {
    TableIO tables = ctx.tables();
    List<String> journeys = ctx.config().journeys().stream().map(JourneyMap::id).toList();
    for (Map.Entry<String, Cleaned> e : cleaned.entrySet()) {
      String table =
          switch (e.getKey()) {
            case "surveys" -> Tables.SURVEY_ANSWERS;
            case "events" -> Tables.BEHAVIOR_EVENTS;
            default -> Tables.CUSTOMERS;
          };
      TableIO.Scope scope =
          table.equals(Tables.SURVEY_ANSWERS)
              ? TableIO.Scope.journeys(ctx.runDate(), journeys)
              : TableIO.Scope.date(ctx.runDate());
      ctx.spark().sparkContext().setJobDescription("ingest: write " + table);
      long written = tables.replace(table, e.getValue().clean(), scope);
      outcome.written(written);
      if (table.equals(Tables.SURVEY_ANSWERS)) {
        long clean =
            reports.stream()
                .filter(r -> r.source().equals("surveys"))
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
