package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.ChangeFeed;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cx kpis as a scheduler runs it, on Delta tables: the first run over months of history computes
 * every period of every grain (and alerts on a drop planted in an earlier month); a later run
 * recomputes exactly the periods that late answers touched, to the values of a full recompute; a
 * rerun changes nothing; and when Delta's change feed cannot say what changed, the run computes
 * everything and says why.
 */
class KpiNightlyTest {
  static final JourneyMap J = KpiFixtures.journey("UTC");
  static final LocalDate FROM = LocalDate.of(2024, 2, 1);
  static final LocalDate HISTORY = LocalDate.of(2024, 6, 30);
  static final LocalDate NEXT = LocalDate.of(2024, 7, 1);
  static final LocalDate MARCH = LocalDate.of(2024, 3, 1);

  /** Five months of answers, all exported on 30 June; delivery drops by 0.8 points in March. */
  static List<Answer> history() {
    var drop = new KpiSimulation.Drop("q_delivery", MARCH, LocalDate.of(2024, 3, 31), 0.8);
    return new KpiSimulation(7, FROM, HISTORY, 30, drop)
        .answers().stream().map(a -> a.ingestedOn(HISTORY.toString())).toList();
  }

  /** Answers of 14 March exported late, on 1 July. */
  static List<Answer> late() {
    List<Answer> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(
          Answer.of("late" + i, "c00" + i, "2024-03-14T10:00:00Z", "q_delivery", 2, "app")
              .ingestedOn(NEXT.toString()));
    }
    return out;
  }

  static Workspace workspace(Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write("journey.yaml", KpiFixtures.journeyYaml("UTC"));
    return ws;
  }

  /** Ingests answers for their ingest date as cx ingest does: through TableIO, change feed on. */
  static void ingest(TableIO io, List<Answer> answers, LocalDate date) {
    io.replace(
        Tables.SURVEY_ANSWERS,
        KpiFixtures.answers(J, answers),
        TableIO.Scope.journeys(date, List.of(J.id())));
  }

  static JobResult kpis(JobConfig cfg, LocalDate date) {
    JobResult r = JobRunner.run(new KpisJob(), JobContext.of(SharedSpark.get(), cfg, date));
    assertEquals("succeeded", r.status(), r.error());
    return r;
  }

  /** The table as a full recompute for D gives it, without run_date. */
  static Dataset<Row> fullRecompute(TableIO io, JobConfig cfg, LocalDate date) {
    return KpiFixtures.compute(
            J,
            io.read(Tables.SURVEY_ANSWERS),
            null,
            date,
            cfg.kpis().withRecompute(KpiOptions.Recompute.FULL))
        .drop(Cols.RUN_DATE);
  }

  static Set<String> periods(Dataset<Row> rows) {
    Set<String> out = new TreeSet<>();
    rows.select(Cols.PERIOD_GRAIN, Cols.PERIOD_START)
        .distinct()
        .collectAsList()
        .forEach(r -> out.add(r.getString(0) + " " + r.getDate(1)));
    return out;
  }

  static long count(Set<String> periods, String grain) {
    return periods.stream().filter(p -> p.startsWith(grain + " ")).count();
  }

  @Test
  void aFirstRunComputesEveryPeriodAndALateAnswerRecomputesOnlyThePeriodsItTouches(
      @TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobConfig cfg = ws.load();
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    ingest(io, history(), HISTORY);
    assertTrue(ChangeFeed.enabled(io, Tables.SURVEY_ANSWERS));

    // (a) The first run: every period of every grain, February to June.
    JobResult first = kpis(cfg, HISTORY);
    assertTrue(
        first
            .message()
            .startsWith(
                "first run (touchpoint_kpis does not exist yet): every period up to 2024-06-30"
                    + " computed. touchpoint_kpis for every day, week, month period up to"
                    + " 2024-06-30: "),
        first.message());
    Dataset<Row> table = io.read(Tables.TOUCHPOINT_KPIS).cache();
    Set<String> all = periods(table);
    assertEquals(151, count(all, "day"), "1 February to 30 June");
    assertEquals(22, count(all, "week"), "weeks of 29 January to 24 June");
    assertEquals(
        Set.of(
            "month 2024-02-01",
            "month 2024-03-01",
            "month 2024-04-01",
            "month 2024-05-01",
            "month 2024-06-01"),
        new TreeSet<>(all.stream().filter(p -> p.startsWith("month")).toList()));
    // The drop planted in March alerts on delivery and on its stage; nothing else alerts, in any
    // month or week: the later norms absorb March without a false alarm.
    Row march =
        table
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-03-01' AND metric = 'csat'"
                    + " AND stage = 'delivery' AND touchpoint = 'delivery' AND segment = 'ALL'"
                    + " AND channel = 'ALL'")
            .first();
    assertTrue(march.<Boolean>getAs(Cols.ALERT), march.toString());
    Dataset<Row> otherAlerts =
        table
            .where(col(Cols.ALERT))
            .where(col(Cols.PERIOD_GRAIN).isin("week", "month"))
            .where(
                "NOT (stage = 'delivery' AND touchpoint IN ('delivery', 'ALL')"
                    + " AND metric IN ('csat', 'top2box')"
                    + " AND period_start BETWEEN DATE'2024-02-26' AND DATE'2024-03-31')");
    assertEquals(0, otherAlerts.count(), () -> otherAlerts.collectAsList().toString());
    table.unpersist();

    // (b) Six answers of 14 March arrive on 1 July: their day, week and month are recomputed, with
    // the later periods whose norm includes them (six of each), and nothing else.
    ingest(io, late(), NEXT);
    JobResult second = kpis(cfg, NEXT);
    assertTrue(
        second
            .message()
            .startsWith(
                "kpi: answers of 1 day changed since survey_answers version 0 (read by the kpis run"
                    + " of 2024-06-30). touchpoint_kpis for 7 days from 2024-03-14 to 2024-03-20;"
                    + " 7 weeks from 2024-03-11 to 2024-04-22; 5 months from 2024-03-01 to"
                    + " 2024-07-01: "
                    + second.rowsWritten()
                    + " rows, "),
        second.message());
    Dataset<Row> after = io.read(Tables.TOUCHPOINT_KPIS).cache();
    Set<String> rewritten = periods(after.where(col(Cols.RUN_DATE).equalTo(Date.valueOf(NEXT))));
    Set<String> expected = new TreeSet<>();
    for (int d = 14; d <= 20; d++) {
      expected.add("day 2024-03-" + d);
    }
    List.of("03-11", "03-18", "03-25", "04-01", "04-08", "04-15", "04-22")
        .forEach(w -> expected.add("week 2024-" + w));
    List.of("03", "04", "05", "06").forEach(m -> expected.add("month 2024-" + m + "-01"));
    assertEquals(expected, rewritten);
    assertEquals(
        second.rowsWritten(), after.where(col(Cols.RUN_DATE).equalTo(Date.valueOf(NEXT))).count());
    // March's delivery n grew by the six late answers.
    long marchN =
        after
            .where(
                "period_grain = 'month' AND period_start = DATE'2024-03-01' AND metric = 'csat'"
                    + " AND stage = 'delivery' AND touchpoint = 'delivery' AND segment = 'ALL'"
                    + " AND channel = 'ALL'")
            .first()
            .<Long>getAs(Cols.N);
    assertEquals(march.<Long>getAs(Cols.N) + 6, marchN);
    // The whole table is what a full recompute gives (run_date aside).
    KpiFixtures.assertSameCells(fullRecompute(io, cfg, NEXT), after.drop(Cols.RUN_DATE));

    // (c) Rerunning the date finds nothing new and leaves the table as it was.
    long version = io.version(Tables.TOUCHPOINT_KPIS);
    JobResult again = kpis(cfg, NEXT);
    assertEquals(
        "kpi: answers of 0 days changed since survey_answers version 1 (read by the kpis run of"
            + " 2024-07-01). touchpoint_kpis unchanged: no period to recompute.",
        again.message());
    assertEquals(0, again.rowsRead());
    assertEquals(0, again.rowsWritten());
    assertEquals(version, io.version(Tables.TOUCHPOINT_KPIS));
    KpiFixtures.assertSameCells(after, io.read(Tables.TOUCHPOINT_KPIS));
    after.unpersist();
  }

  @Test
  void withoutChangeDataTheRunComputesEverythingAndSaysWhy(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobConfig cfg = ws.load();
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    // survey_answers as an older cx wrote it: no change feed.
    KpiFixtures.answers(J, history())
        .write()
        .format("delta")
        .partitionBy(Cols.RUN_DATE)
        .save(io.path(Tables.SURVEY_ANSWERS));
    assertFalse(ChangeFeed.enabled(io, Tables.SURVEY_ANSWERS));
    kpis(cfg, HISTORY);
    KpiFixtures.answers(J, late())
        .write()
        .format("delta")
        .mode("append")
        .save(io.path(Tables.SURVEY_ANSWERS));

    JobResult r = kpis(cfg, NEXT);
    assertTrue(
        r.message()
            .startsWith(
                "every period up to 2024-07-01 computed for kpi: survey_answers cannot say what"
                    + " changed since version 0, read by the kpis run of 2024-06-30: change data"
                    + " of survey_answers was not recorded for version 1"
                    + " (delta.enableChangeDataFeed was off then). touchpoint_kpis for every day,"
                    + " week, month period up to 2024-07-01: "),
        r.message());
    Dataset<Row> table = io.read(Tables.TOUCHPOINT_KPIS);
    assertEquals(
        table.count(), table.where(col(Cols.RUN_DATE).equalTo(Date.valueOf(NEXT))).count());
    KpiFixtures.assertSameCells(fullRecompute(io, cfg, NEXT), table.drop(Cols.RUN_DATE));

    // The next write through cx turns the change feed on, and the run after it is incremental.
    LocalDate third = NEXT.plusDays(1);
    ingest(
        io,
        List.of(
            Answer.of("late9", "c009", "2024-05-02T10:00:00Z", "q_overall", 1, "web")
                .ingestedOn(third.toString())),
        third);
    assertTrue(ChangeFeed.enabled(io, Tables.SURVEY_ANSWERS));
    JobResult next = kpis(cfg, third);
    assertTrue(
        next.message()
            .startsWith(
                "kpi: answers of 1 day changed since survey_answers version 1 (read by the kpis"
                    + " run of 2024-07-01). touchpoint_kpis for 7 days from 2024-05-02 to"
                    + " 2024-05-08; 7 weeks from 2024-04-29 to 2024-06-10; months 2024-05-01,"
                    + " 2024-06-01, 2024-07-01: "),
        next.message());
    KpiFixtures.assertSameCells(
        fullRecompute(io, cfg, third), io.read(Tables.TOUCHPOINT_KPIS).drop(Cols.RUN_DATE));
  }
}
