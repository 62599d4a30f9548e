package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.Cx;
import io.cx.jobs.ingest.IngestJobTest;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kpis job on Delta tables: one row per cell, nightly runs equal to a full recompute, reruns
 * that replace instead of append, benchmarks from an input file, exit codes.
 */
class KpisJobTest {
  static final LocalDate D1 = LocalDate.of(2024, 7, 1);
  static final LocalDate D2 = LocalDate.of(2024, 7, 2);
  static final String ZONE = "Europe/Paris";
  static final Column[] KEY =
      Stream.of(
              Cols.JOURNEY,
              Cols.PERIOD_GRAIN,
              Cols.PERIOD_START,
              Cols.METRIC,
              Cols.STAGE,
              Cols.TOUCHPOINT,
              Cols.SEGMENT,
              Cols.CHANNEL)
          .map(c -> col(c))
          .toArray(Column[]::new);

  /** A workspace whose warehouse already holds survey_answers and customers (April to 3 July). */
  static Workspace workspace(Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write("journey.yaml", KpiFixtures.journeyYaml(ZONE));
    ws.configLine("kpis: {min_n: 5}");
    JourneyMap j = KpiFixtures.journey(ZONE);
    KpiSimulation sim =
        new KpiSimulation(5, LocalDate.of(2024, 4, 1), LocalDate.of(2024, 7, 3), 12, null);
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    KpiFixtures.answers(j, sim.answers())
        .write()
        .format("delta")
        .partitionBy(Cols.RUN_DATE)
        .save(io.path(Tables.SURVEY_ANSWERS));
    KpiFixtures.customers(sim.customers())
        .write()
        .format("delta")
        .partitionBy(Cols.RUN_DATE)
        .save(io.path(Tables.CUSTOMERS));
    return ws;
  }

  /** Column names and types (Delta reads every column back as nullable). */
  static List<String> names(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(f -> f.name() + " " + f.dataType().simpleString())
        .toList();
  }

  static JobResult kpis(JobConfig cfg, LocalDate date) {
    JobResult r = JobRunner.run(new KpisJob(), JobContext.of(SharedSpark.get(), cfg, date));
    assertEquals("succeeded", r.status(), r.error());
    return r;
  }

  @Test
  void nightlyRunsKeepOneRowPerCellEqualToAFullRecomputeAndRerunsReplaceThem(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobConfig cfg = ws.load();
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    JobResult first = kpis(cfg, D1);
    assertTrue(
        first
            .message()
            .startsWith(
                "first run (touchpoint_kpis does not exist yet): every period up to 2024-07-01"
                    + " computed. touchpoint_kpis for every day, week, month period up to"
                    + " 2024-07-01: "
                    + first.rowsWritten()
                    + " rows, "),
        first.message());
    JobResult second = kpis(cfg, D2);
    // Answered on 2 July (Paris time): its day, week and month.
    assertTrue(
        second
            .message()
            .startsWith(
                "kpi: answers of 1 day changed since survey_answers version 0 (read by the kpis run"
                    + " of 2024-07-01). touchpoint_kpis for day 2024-07-02; week 2024-07-01; month"
                    + " 2024-07-01: "
                    + second.rowsWritten()
                    + " rows, "),
        second.message());
    assertEquals(2L, (long) second.inputVersions().size());

    Dataset<Row> table = io.read(Tables.TOUCHPOINT_KPIS);
    assertEquals(names(Schemas.TOUCHPOINT_KPIS), names(table.schema()));
    assertEquals(table.count(), table.select(KEY).distinct().count(), "one row per cell");
    // Day 1 July was written by the first run; its week and month were rewritten by the second.
    assertEquals(
        0,
        table
            .where(
                "period_start = DATE'2024-07-01' AND period_grain = 'day' AND run_date <> DATE'2024-07-01'")
            .count());
    assertEquals(
        0,
        table
            .where(
                "period_start = DATE'2024-07-01' AND period_grain <> 'day' AND run_date <> DATE'2024-07-02'")
            .count());
    assertTrue(table.where("period_start = DATE'2024-07-02'").count() > 0);

    // The same rows as a full recompute, for the periods of 2 July.
    PeriodPlan plan = PeriodPlan.of(D2, cfg.kpis(), List.of("kpi"));
    Dataset<Row> full =
        KpiFixtures.compute(
                cfg.journeys().get(0),
                io.read(Tables.SURVEY_ANSWERS),
                io.read(Tables.CUSTOMERS),
                D2,
                cfg.kpis().withRecompute(KpiOptions.Recompute.FULL))
            .where(plan.isWritten());
    Dataset<Row> nightly = table.where(plan.isWritten());
    KpiFixtures.assertSameCells(full, nightly);

    // A rerun finds nothing new and leaves the table as it was.
    long before = table.count();
    long version = io.version(Tables.TOUCHPOINT_KPIS);
    JobResult again = kpis(cfg, D2);
    assertEquals(0, again.rowsWritten());
    assertEquals(
        "kpi: answers of 0 days changed since survey_answers version 0 (read by the kpis run of"
            + " 2024-07-02). touchpoint_kpis unchanged: no period to recompute.",
        again.message());
    assertEquals(version, io.version(Tables.TOUCHPOINT_KPIS));
    Dataset<Row> after = io.read(Tables.TOUCHPOINT_KPIS);
    assertEquals(before, after.count());
    KpiFixtures.assertSameCells(nightly, after.where(plan.isWritten()));

    // A full recompute (a backfill) writes every period up to the date, the same for 2 July's.
    JobResult backfill = kpis(ws.load("kpis.recompute=full"), D2);
    Dataset<Row> all = io.read(Tables.TOUCHPOINT_KPIS);
    assertEquals(backfill.rowsWritten(), all.count());
    assertEquals(all.count(), all.select(KEY).distinct().count(), "one row per cell");
    assertTrue(all.where("period_grain = 'day' AND period_start = DATE'2024-04-01'").count() > 0);
    KpiFixtures.assertSameCells(nightly, all.where(plan.isWritten()));
    // What analysts read in the morning: the rows of the run date's periods.
    assertEquals(0, all.where("period_start > DATE'2024-07-02'").count());
    assertEquals(4, io.read(Tables.RUN_LOG).where("job = 'kpis' AND status = 'succeeded'").count());
  }

  @Test
  void benchmarksFromAnInputFileAreShownBesideTheNorm(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    Path csv =
        ws.write(
            "benchmarks.csv",
            """
            touchpoint,stage,metric,segment,value,source
            delivery,,csat,,0.7,Industry 2024
            ,delivery,top2box,ALL,0.6,Industry 2024
            ,,nps,,30,Panel
            ,,nps,business,25,Panel
            checkout,,nps,,10,Panel
            nowhere,,csat,,0.5,Panel
            ,,csat,,n/a,Panel
            """);
    ws.configLine("inputs:");
    ws.configLine("  surveys: {path: " + dir + "/none/*.csv}");
    ws.configLine("  events: {path: " + dir + "/none/*.csv}");
    ws.configLine("  benchmarks: {path: " + csv + "}");
    JobResult r = kpis(ws.load(), D2);
    assertTrue(
        r.message()
            .contains(
                "benchmarks: 7 rows read, 4 cells benchmarked; ignored: nps is only computed at the journey"
                    + " level (stage and touchpoint ALL) (1); touchpoint 'nowhere' is not a touchpoint of"
                    + " the journeys (1); value is not a number (1)."),
        r.message());
    Dataset<Row> table =
        new TableIO(SharedSpark.get(), ws.warehouse()).read(Tables.TOUCHPOINT_KPIS);
    Row delivery =
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-07-01' AND metric = 'csat' AND stage = 'delivery' AND touchpoint = 'delivery' AND segment = 'ALL' AND channel = 'ALL'")
            .first();
    assertEquals(0.7, delivery.<Double>getAs(Cols.BENCHMARK), 0);
    assertEquals("Industry 2024", delivery.getAs(Cols.BENCHMARK_SOURCE));
    assertEquals(
        delivery.<Double>getAs(Cols.VALUE) - 0.7,
        delivery.<Double>getAs(Cols.BENCHMARK_GAP),
        1e-12);
    Row stage =
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-07-01' AND metric = 'top2box' AND stage = 'delivery' AND touchpoint = 'ALL' AND segment = 'ALL' AND channel = 'ALL'")
            .first();
    assertEquals(0.6, stage.<Double>getAs(Cols.BENCHMARK), 0);
    assertEquals(
        25.0,
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-07-01' AND metric = 'nps' AND segment = 'business' AND channel = 'ALL'")
            .first()
            .<Double>getAs(Cols.BENCHMARK),
        0);
    assertEquals(
        30.0,
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-07-01' AND metric = 'nps' AND segment = 'ALL' AND channel = 'ALL'")
            .first()
            .<Double>getAs(Cols.BENCHMARK),
        0);
    Row consumer =
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-07-01' AND metric = 'nps' AND segment = 'consumer' AND channel = 'ALL'")
            .first();
    assertNull(consumer.getAs(Cols.BENCHMARK));
    assertNull(consumer.getAs(Cols.BENCHMARK_GAP));
    // A suppressed cell shows the benchmark but no gap.
    Row small =
        table
            .where(
                "period_grain = 'day' AND metric = 'csat' AND touchpoint = 'delivery' AND segment = 'ALL' AND suppressed")
            .first();
    assertEquals(0.7, small.<Double>getAs(Cols.BENCHMARK), 0);
    assertNull(small.getAs(Cols.BENCHMARK_GAP));
  }

  @Test
  void theCommandLineRunsIngestThenKpisAndExitsWithFourWithoutAnswers(@TempDir Path dir) {
    Workspace ws = IngestJobTest.workspace(dir.resolve("shop"));
    String config = ws.config().toString();
    assertEquals(
        0, Cx.execute("run", "--config", config, "--date", "2024-06-30", "--set", "kpis.min_n=1"));
    Dataset<Row> table =
        new TableIO(SharedSpark.get(), ws.warehouse()).read(Tables.TOUCHPOINT_KPIS);
    // The clean answers were given on Saturday 1 June: the first run for 30 June computes every
    // period, so their day, ISO week and month (journey-level csat, top2box and nps, and
    // checkout's stage and touchpoint).
    assertEquals(
        table.count(), table.where("journey = 'shop' AND run_date = DATE'2024-06-30'").count());
    assertEquals(
        List.of("day 2024-06-01", "month 2024-06-01", "week 2024-05-27"),
        table.select(Cols.PERIOD_GRAIN, Cols.PERIOD_START).distinct().collectAsList().stream()
            .map(p -> p.getString(0) + " " + p.getDate(1))
            .sorted()
            .toList());
    Row nps =
        table
            .where(
                "period_grain = 'month' AND metric = 'nps' AND segment = 'ALL' AND channel = 'ALL'")
            .first();
    assertEquals(Date.valueOf("2024-06-01"), nps.getAs(Cols.PERIOD_START));

    Workspace empty = new Workspace(dir.resolve("empty"));
    assertEquals(
        4, Cx.execute("kpis", "--config", empty.config().toString(), "--date", "2024-06-30"));
  }

  @Test
  void aSurveyAnswersTableThatBreaksTheContractIsRejectedInputNamingIt(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write("journey.yaml", KpiFixtures.journeyYaml(ZONE));
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    SharedSpark.get()
        .sql("SELECT 'r1' AS response_id, 'x' AS score, DATE'2024-07-01' AS run_date")
        .write()
        .format("delta")
        .save(io.path(Tables.SURVEY_ANSWERS));
    JobResult r = JobRunner.run(new KpisJob(), JobContext.of(SharedSpark.get(), ws.load(), D1));
    assertEquals(3, r.exitCode());
    assertEquals(
        "table survey_answers at "
            + io.path(Tables.SURVEY_ANSWERS)
            + " does not match the data contract: no column customer_id, no column submitted_at,"
            + " no column journey, no column question_id, no column question_kind, no column"
            + " stage, no column touchpoint, column score is string, not double, no column"
            + " score_norm, no column scale_min, no column scale_max, no column channel, no column"
            + " comment, no column weight, no column run_id; it was not written by this version of"
            + " `cx ingest`; re-run `cx ingest` for its dates",
        r.error());
  }
}
