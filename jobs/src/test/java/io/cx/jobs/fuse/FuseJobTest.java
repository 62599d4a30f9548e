package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.job.StateAsOf;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.TableIO;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuse job on Delta tables: what it reads up to the run date, writes, records, and reruns. */
class FuseJobTest {
  static final LocalDate D29 = LocalDate.of(2024, 6, 29);
  static final LocalDate D30 = LocalDate.of(2024, 6, 30);
  static final LocalDate D01 = LocalDate.of(2024, 7, 1);

  /**
   * Writes the warehouse's input tables: three run dates of answers, two of events, one of
   * customers.
   */
  private static void ingested(TableIO io, JourneyMap shop) {
    TestData d29 = new TestData();
    String at = "2024-06-10T10:00:00Z";
    d29.answer(shop, "r1", "c1", at, "q_checkout", 4.0, "app", null, D29)
        .answer(shop, "r1", "c1", at, "q_delivery", 2.0, "app", null, D29)
        .answer(shop, "r1", "c1", at, "q_overall", 3.0, "app", null, D29)
        .answer(shop, "r1", "c1", at, "q_nps", 7.0, "app", null, D29)
        .event("c1", "2024-06-05T00:00:00Z", "payment_error", null, D29)
        .event("c1", "2024-06-08T00:00:00Z", "delivery_completed", 12.5, D29)
        .customer("c1", "gold", "north", "2024-01-01", 50.0, D29);
    TestData d30 = new TestData();
    d30.answer(shop, "r2", "c2", "2024-06-30T08:00:00Z", "q_overall", 5.0, "web", null, D30)
        .event("c1", "2024-06-20T00:00:00Z", "app_open", null, D30);
    TestData d01 = new TestData();
    d01.answer(shop, "r3", "c3", "2024-07-01T10:00:00Z", "q_overall", 1.0, "web", null, D01);

    io.replace(Tables.SURVEY_ANSWERS, d29.answers(), TableIO.Scope.date(D29));
    io.replace(Tables.SURVEY_ANSWERS, d30.answers(), TableIO.Scope.date(D30));
    io.replace(Tables.SURVEY_ANSWERS, d01.answers(), TableIO.Scope.date(D01));
    io.replace(Tables.BEHAVIOR_EVENTS, d29.events(), TableIO.Scope.date(D29));
    io.replace(Tables.BEHAVIOR_EVENTS, d30.events(), TableIO.Scope.date(D30));
    io.replace(Tables.CUSTOMERS, d29.customers(), TableIO.Scope.date(D29));
  }

  private static JobResult fuse(JobConfig cfg, LocalDate date) {
    return JobRunner.run(new FuseJob(), JobContext.of(TestData.spark(), cfg, date));
  }

  /** The table as the last fuse run of the date left it (run_log's output_versions). */
  private static Dataset<Row> of(TableIO io, String table, LocalDate date) {
    long version = StateAsOf.versionAt(io, table, date, List.of("shop"));
    assertTrue(version >= 0, "no fuse run of " + date);
    return io.readAt(table, version);
  }

  @Test
  void fusesEverythingKnownUpToTheRunDateAndReplacesItsRowsOnARerun(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = ws.load();
    JourneyMap shop = cfg.journeys().get(0);
    TableIO io = new TableIO(TestData.spark(), ws.warehouse());
    ingested(io, shop);

    JobResult first = fuse(cfg, D30);
    assertEquals("succeeded", first.status(), first.error());
    // r1 and r2 (r3 was ingested on 07-01): 2 stages each, 2 feature rows, 2 churn rows.
    assertEquals(4 + 2 + 2, first.rowsWritten());
    // 5 answers and 3 events up to 06-30, 1 customer.
    assertEquals(5 + 3 + 1, first.rowsRead());
    assertEquals(
        Map.of(Tables.SURVEY_ANSWERS, 2L, Tables.BEHAVIOR_EVENTS, 1L, Tables.CUSTOMERS, 0L),
        first.inputVersions());
    assertTrue(first.message().contains("journey_stage_facts: 4 rows."), first.message());
    Map<String, Row> features = TestData.byResponse(of(io, Tables.JOURNEY_FEATURES, D30));
    assertEquals(2, features.size());
    Row r1 = features.get("r1");
    assertEquals(1.0, (double) r1.getAs("m_payment_errors"), 0);
    assertEquals(12.5, (double) r1.getAs("m_delay_hours"), 0);
    assertEquals(0.75, (double) r1.getAs("tp_checkout"), 1e-12);
    assertEquals("gold", r1.getAs("segment"));
    assertEquals(161, (int) r1.getAs("tenure_days")); // 2024-01-01 to 2024-06-10
    Row r2 = features.get("r2");
    assertEquals(0.0, (double) r2.getAs("m_payment_errors"), 0);
    assertNull(r2.getAs("m_delay_hours"));

    // Both horizons (90 days) are open on 06-30, and no churn has been seen yet.
    Map<String, Row> churn = TestData.byResponse(of(io, Tables.CHURN_LABELS, D30));
    assertEquals(2, churn.size());
    churn.values().forEach(r -> assertNull(r.getAs("churned")));
    churn.values().forEach(r -> assertEquals(false, r.getAs("observed")));

    // A rerun finds nothing changed: it writes nothing and makes no commit.
    long version = io.version(Tables.JOURNEY_FEATURES);
    JobResult again = fuse(cfg, D30);
    assertEquals("succeeded", again.status(), again.error());
    assertEquals(0, again.rowsWritten());
    assertTrue(again.message().startsWith("Incremental"), again.message());
    // Only the two open labels are recomputed, from their churn_labels rows and their customers'
    // events in their horizons (c1's app_open of 06-20); no answer, no look-back event and no
    // customers row is read for their stage facts and features, which time alone cannot change.
    assertEquals(2 + 1, again.rowsRead());
    assertEquals(version, io.version(Tables.JOURNEY_FEATURES));
    assertEquals(4, of(io, Tables.JOURNEY_STAGE_FACTS, D30).count());
    assertEquals(2, of(io, Tables.JOURNEY_FEATURES, D30).count());
    assertEquals(2, of(io, Tables.CHURN_LABELS, D30).count());

    // An earlier date is recomputed in full as of then (only r1 was known); 06-30 as known then
    // stays readable.
    JobResult earlier = fuse(cfg, D29);
    assertEquals("succeeded", earlier.status(), earlier.error());
    assertTrue(earlier.message().startsWith("rerun of 2024-06-29"), earlier.message());
    assertEquals(2, of(io, Tables.JOURNEY_STAGE_FACTS, D29).count());
    assertEquals(4, of(io, Tables.JOURNEY_STAGE_FACTS, D30).count());
    assertEquals(1, of(io, Tables.JOURNEY_FEATURES, D29).count());
    assertEquals(1, io.read(Tables.JOURNEY_FEATURES).count());
  }

  @Test
  void withoutSurveyAnswersThereIsNothingToDo(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobResult r = fuse(ws.load(), D30);
    assertEquals(4, r.exitCode());
    assertEquals("no_input", r.status());
    assertTrue(r.error().contains("run `cx ingest` first"), r.error());
  }

  @Test
  void anInputTableThatBreaksTheContractIsRejectedWithExitCode3(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = ws.load();
    TableIO io = new TableIO(TestData.spark(), ws.warehouse());
    ingested(io, cfg.journeys().get(0));
    Dataset<Row> answers = io.read(Tables.SURVEY_ANSWERS);
    answers
        .drop(Cols.SCORE)
        .withColumn(Cols.QUESTION_ID, lit(1))
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(io.path(Tables.SURVEY_ANSWERS));

    JobResult r = fuse(cfg, D30);
    assertEquals(3, r.exitCode(), r.error());
    assertEquals(
        "table survey_answers at "
            + io.path(Tables.SURVEY_ANSWERS)
            + " does not match the data contract: column question_id is int, not string, no"
            + " column score; it was not written by this version of `cx ingest`; re-run `cx"
            + " ingest` for its dates",
        r.error());
  }
}
