package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.JobConfig;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx kpis}: writes touchpoint_kpis, the CSAT, top-2-box, NPS and CES that CX teams report
 * every morning, per day, ISO week and month, by stage, touchpoint, segment and channel with their
 * ALL roll-ups, each with n, margin of error, the norm of its previous periods, a p-value against
 * it and an alert controlled for false discoveries. See {@link KpiFeeds} for which answers feed
 * which cell, {@link KpiValues} and {@link NormTest} for the statistics, {@link KpiChanges} and
 * {@link PeriodPlan} for what a run recomputes and {@link KpiTableWriter} for how the table is
 * keyed.
 */
public final class KpisJob implements Job {
  public static final String NAME = JobNames.KPIS;
  private static final Logger LOG = LoggerFactory.getLogger(KpisJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobConfig cfg = ctx.config();
    TableIO tables = ctx.tables();
    KpiOptions options = cfg.kpis();
    List<KpiFeeds> feeds = KpiFeeds.of(cfg.journeys());
    JobOutcome outcome = new JobOutcome();

    Dataset<Row> surveyAnswers = tables.read(Tables.SURVEY_ANSWERS);
    Schemas.requireTable(surveyAnswers, Tables.SURVEY_ANSWERS, tables.path(Tables.SURVEY_ANSWERS));
    Dataset<Row> segments =
        tables
            .readIfExists(Tables.CUSTOMERS)
            .map(
                c -> {
                  Schemas.requireTable(c, Tables.CUSTOMERS, tables.path(Tables.CUSTOMERS));
                  return KpiAnswers.segmentsAsOf(c, ctx.runDate());
                })
            .orElse(null);
    try (Steps steps = Steps.of(ctx.spark(), NAME)) {
      KpiChanges.Decision decision =
          KpiChanges.plan(
              tables,
              steps,
              ctx.runDate(),
              cfg.journeys(),
              options,
              surveyAnswers,
              tables.versionsRead().get(Tables.SURVEY_ANSWERS));
      decision.notes().forEach(n -> LOG.info("kpis {}", n));
      decision.notes().forEach(outcome::note);
      PeriodPlan plan = decision.plan();
      if (plan.isEmpty()) {
        outcome.note("touchpoint_kpis unchanged: no period to recompute.");
        return outcome;
      }
      Dataset<Row> benchmarks = benchmarks(ctx, steps, outcome);
      Dataset<Row> answers =
          KpiAnswers.inWindow(surveyAnswers, cfg.journeys(), plan)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        steps.start("read survey_answers for " + plan.describe());
        outcome.read(answers.count());
        Dataset<Row> rows =
            TouchpointKpis.compute(
                answers, segments, KpiFeeds.table(ctx.spark(), feeds), benchmarks, plan, options);
        steps.start("compute and write touchpoint_kpis for " + plan.describe());
        KpiTableWriter.replace(tables, rows, plan);
        steps.start("summarise touchpoint_kpis");
        summary(tables, plan, options, outcome);
        return outcome;
      } finally {
        answers.unpersist();
      }
    }
  }

  private static Dataset<Row> benchmarks(JobContext ctx, Steps steps, JobOutcome outcome) {
    var spec = ctx.config().benchmarks();
    if (spec == null) {
      return null;
    }
    steps.start("read benchmarks");
    Optional<List<List<String>>> rows = BenchmarkReader.read(ctx.spark(), spec, ctx.runDate());
    if (rows.isEmpty()) {
      String s =
          "benchmarks: nothing matches "
              + spec.pathFor(ctx.runDate())
              + "; benchmark columns left empty.";
      outcome.note(s);
      LOG.warn("kpis {}", s);
      return null;
    }
    Benchmarks.Resolution r = Benchmarks.resolve(rows.get(), ctx.config().journeys());
    outcome.note(r.note());
    LOG.info("kpis {}", r.note());
    return Benchmarks.table(ctx.spark(), r.used());
  }

  /**
   * What was written: rows (the rows of the recomputed periods; Delta's own count also has the rows
   * of other periods it copied from the files it rewrote), suppressed cells and alerts, with the
   * alerting cells logged.
   */
  private static void summary(
      TableIO tables, PeriodPlan plan, KpiOptions options, JobOutcome outcome) {
    Dataset<Row> written = tables.readWritten(Tables.TOUCHPOINT_KPIS).where(plan.isWritten());
    Row counts =
        written
            .agg(
                count("*"),
                count(when(col(Cols.SUPPRESSED), true)),
                count(when(col(Cols.ALERT), true)))
            .first();
    List<Row> alerts =
        written
            .where(col(Cols.ALERT))
            .select(
                Cols.JOURNEY,
                Cols.PERIOD_GRAIN,
                Cols.PERIOD_START,
                Cols.METRIC,
                Cols.STAGE,
                Cols.TOUCHPOINT,
                Cols.SEGMENT,
                Cols.CHANNEL,
                Cols.VALUE,
                Cols.NORM,
                Cols.Q_VALUE)
            .orderBy(Cols.Q_VALUE)
            .limit(20)
            .collectAsList();
    for (Row a : alerts) {
      // Cells only: no customer is named.
      LOG.info(
          String.format(
              Locale.ROOT,
              "kpis alert: %s %s %s %s stage=%s touchpoint=%s segment=%s channel=%s value=%.4g"
                  + " norm=%.4g q=%.3g",
              a.get(0),
              a.get(1),
              a.get(2),
              a.get(3),
              a.get(4),
              a.get(5),
              a.get(6),
              a.get(7),
              a.getDouble(8),
              a.getDouble(9),
              a.getDouble(10)));
    }
    outcome.written(counts.getLong(0));
    outcome.note(
        String.format(
            Locale.ROOT,
            "touchpoint_kpis for %s: %d rows, %d suppressed (n_effective < %d), %d alerts (Benjamini-Hochberg at fdr %s).",
            plan.describe(),
            counts.getLong(0),
            counts.getLong(1),
            options.minN(),
            counts.getLong(2),
            options.fdr()));
  }
}
