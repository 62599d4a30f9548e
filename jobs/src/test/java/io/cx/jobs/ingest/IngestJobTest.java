package io.cx.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.privacy.Pseudonymiser;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest job end to end: reconciliation, events and customers rejects, reruns, privacy. */
public class IngestJobTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);

  static final String EVENTS =
      """
      event_id,customer_id,event_time,event_type,value,channel
      e1,c1,2024-05-20T10:00:00Z,Payment_Error,,app
      e2,c1,2024-05-21T10:00:00Z,delivery_completed,26.5,web
      e2,c1,2024-05-21T10:00:00Z,delivery_completed,26.5,web
      e3,c2,2024-05-22T10:00:00Z,delivery_completed,late,web
      e4,,2024-05-22T10:00:00Z,app_open,,app
      e5,c2,not a time,app_open,,app
      e6,c2,2024-07-05T10:00:00Z,app_open,,app
      """;

  static final String CUSTOMERS =
      """
      customer_id,segment,region,signup_date,annual_value,plan
      c1,consumer,north,2023-01-15,120.5,basic
      c2,business,south,15/01/2023,900,pro
      c3,business,south,2023-02-01,-5,pro
      c1,consumer,north,2023-01-15,120.5,basic
      """;

  public static Workspace workspace(Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write("surveys/a.csv", SurveyRejectsTest.SURVEYS);
    ws.write("events/a.csv", EVENTS);
    ws.write("customers.csv", CUSTOMERS);
    ws.configLine("quality: {max_reject_rate: 1.0}");
    return ws;
  }

  static JobResult ingest(JobConfig cfg) {
    return JobRunner.run(new IngestJob(), JobContext.of(SharedSpark.get(), cfg, RUN));
  }

  @Test
  void everyInputRowEndsInOneCleanTableOrInRejectedRecords(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobResult r = ingest(ws.load());
    assertEquals("succeeded", r.status(), r.error());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    long answers = io.read(Tables.SURVEY_ANSWERS).count();
    long events = io.read(Tables.BEHAVIOR_EVENTS).count();
    long customers = io.read(Tables.CUSTOMERS).count();
    long rejected = io.read(Tables.REJECTED_RECORDS).count();
    // 16 answers + 7 events + 4 customers read.
    assertEquals(27, r.rowsRead());
    // 5 answers pass; their 4 responses get a skipped row for each question they have no row for
    // (4 x 4 questions = 16 rows, 4 with a score).
    assertEquals(16, answers);
    assertEquals(4, io.read(Tables.SURVEY_ANSWERS).where("score IS NOT NULL").count());
    assertEquals(2, events);
    assertEquals(1, customers);
    assertEquals(r.rowsRead(), 5 + events + customers + rejected);
    assertEquals(answers + events + customers, r.rowsWritten());
    assertEquals(rejected, r.rowsRejected());

    Map<String, Long> bySourceReason = new TreeMap<>();
    for (Row row :
        io.read(Tables.REJECTED_RECORDS)
            .where("source <> 'surveys'")
            .groupBy("source", "reason")
            .count()
            .collectAsList()) {
      bySourceReason.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    assertEquals(
        Map.of(
            "events/duplicate_event", 1L,
            "events/bad_number", 1L,
            "events/missing_key", 1L,
            "events/bad_timestamp", 1L,
            "events/future_timestamp", 1L,
            "customers/bad_date", 1L,
            "customers/bad_number", 1L,
            "customers/duplicate_customer", 1L),
        bySourceReason);
    Row e1 = io.read(Tables.BEHAVIOR_EVENTS).where("event_id = 'e1'").first();
    assertEquals("payment_error", e1.getAs("event_type"));
    assertTrue(
        r.message().contains("customers: columns not in the data contract were ignored: plan."),
        r.message());

    Row log = io.read(Tables.RUN_LOG).first();
    assertEquals("ingest", log.getAs("job"));
    assertEquals("succeeded", log.getAs("status"));
    assertEquals(27L, (long) log.getAs("rows_read"));
    assertEquals("shop", log.getAs("journey"));
  }

  @Test
  void rerunningADateReplacesItsRowsAndKeepsOtherDates(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobConfig cfg = ws.load();
    ingest(cfg);
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    long answers = io.read(Tables.SURVEY_ANSWERS).count();
    long rejected = io.read(Tables.REJECTED_RECORDS).count();
    JobResult again = ingest(cfg);
    assertEquals("succeeded", again.status());
    assertEquals(answers, io.read(Tables.SURVEY_ANSWERS).count());
    assertEquals(rejected, io.read(Tables.REJECTED_RECORDS).count());
    assertEquals(2, io.read(Tables.RUN_LOG).count());

    // The same events delivered again on the next date are duplicates of what is already there.
    JobResult next =
        JobRunner.run(new IngestJob(), JobContext.of(SharedSpark.get(), cfg, RUN.plusDays(1)));
    assertEquals("succeeded", next.status());
    assertEquals(2, io.read(Tables.BEHAVIOR_EVENTS).count());
    assertEquals(
        3,
        io.read(Tables.REJECTED_RECORDS)
            .where("run_date = DATE'2024-07-01' AND reason = 'duplicate_event'")
            .count());
  }

  @Test
  void aRejectRateAboveTheGateFailsAfterWritingTheRejects(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    JobConfig cfg = ws.load("quality.max_reject_rate=0.3");
    JobResult r = ingest(cfg);
    assertEquals("rejected_input", r.status());
    assertEquals(3, r.exitCode());
    assertTrue(
        r.error()
            .startsWith(
                "input failed the quality gate, clean tables not written, see rejected_records: surveys: 10 of 16 rows rejected (62.5 %, above quality.max_reject_rate 30.0 %)"),
        r.error());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    assertTrue(io.read(Tables.REJECTED_RECORDS).count() > 0);
    assertFalse(io.exists(Tables.SURVEY_ANSWERS));
    assertEquals("rejected_input", io.read(Tables.RUN_LOG).first().getAs("status"));
  }

  @Test
  void pseudonymisedIdsNeverReachTheTablesInClear(@TempDir Path dir) {
    Workspace ws = workspace(dir);
    ws.configLine("privacy: {pseudonymise_ids: true, key_env: TEST_KEY}");
    String key = "0123456789abcdef-test";
    JobResult r = ingest(ws.load(Map.of("TEST_KEY", key)));
    assertEquals("succeeded", r.status(), r.error());
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    Row a = io.read(Tables.SURVEY_ANSWERS).where("response_id = 'r12'").first();
    assertEquals(Pseudonymiser.pseudonym("c12", key), a.getAs("customer_id"));
    for (Row rej : io.read(Tables.REJECTED_RECORDS).collectAsList()) {
      String raw = rej.getAs("raw");
      assertFalse(raw.matches(".*\"customer_id\":\"c\\d+\".*"), raw);
    }
    Row e = io.read(Tables.BEHAVIOR_EVENTS).where("event_id = 'e1'").first();
    assertEquals(Pseudonymiser.pseudonym("c1", key), e.getAs("customer_id"));
  }
}
