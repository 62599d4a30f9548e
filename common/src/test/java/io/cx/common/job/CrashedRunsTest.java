package io.cx.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.lock.HostIdentity;
import io.cx.common.lock.LockKey;
import io.cx.common.lock.LockRecord;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crashed run's unfinished job gets one run_log row, written by the run that takes over its
 * locks: the first job of the run, in pipeline order, that has no row of its own.
 */
class CrashedRunsTest {
  static final LocalDate D = LocalDate.of(2024, 6, 30);
  static final List<String> ORDER = List.of("ingest", "fuse", "drivers");
  static final HostIdentity DEAD = new HostIdentity("worker-7", "pid:[1]", 4242);
  static final Instant LOCKED = Instant.parse("2024-07-01T02:00:00Z");

  /** The locks of a `cx run` of ingest, fuse and drivers for journeys shop and bank. */
  private static List<LockRecord> locksOfOneRun(Instant lastBeat) {
    return ORDER.stream()
        .flatMap(
            job ->
                List.of("shop", "bank").stream()
                    .map(
                        j ->
                            new LockRecord(
                                "run-" + job, new LockKey(job, j, D), DEAD, LOCKED, lastBeat)))
        .toList();
  }

  private static JobResult succeeded(String runId, String job) {
    return Attempts.of(runId, job, D, "bank,shop", "succeeded", LOCKED);
  }

  @Test
  void theFirstJobWithoutARowIsTheOneThatWasRunning(@TempDir Path dir) {
    TableIO tables = new TableIO(SharedSpark.get(), dir.toString());
    RunLog.write(tables, succeeded("run-ingest", "ingest"));
    RunLog.write(tables, succeeded("run-other", "fuse"));
    Instant beat = LOCKED.plusSeconds(95);

    List<JobResult> rows = CrashedRuns.record(tables, locksOfOneRun(beat), ORDER, "run-found-it");

    JobResult r = rows.get(0);
    assertEquals(1, rows.size());
    assertEquals("run-fuse", r.runId());
    assertEquals("fuse", r.job());
    assertEquals(D, r.runDate());
    assertEquals("bank,shop", r.journeys());
    assertEquals("failed", r.status());
    assertEquals(1, r.exitCode());
    assertEquals(LOCKED, r.startedAt());
    assertEquals(beat, r.finishedAt());
    assertEquals(0, r.rowsWritten());
    assertEquals(
        "the run's process (pid 4242 on host worker-7) ended before cx fuse finished: it was"
            + " killed or crashed; its last heartbeat was at 2024-07-01T02:01:35Z. Run"
            + " run-found-it found it when taking over its lock.",
        r.error());
    List<Row> logged =
        tables
            .read(Tables.RUN_LOG)
            .where(org.apache.spark.sql.functions.col(Cols.RUN_ID).equalTo("run-fuse"))
            .select(Cols.JOB, Cols.STATUS, "exit_code", Cols.ERROR)
            .collectAsList();
    assertEquals(1, logged.size());
    Row row = logged.get(0);
    assertEquals(
        List.of("fuse", "failed", 1, r.error()),
        List.of(row.getString(0), row.getString(1), row.getInt(2), row.getString(3)));
  }

  @Test
  void aRunWhoseJobsAllHaveRowsEndedAfterThemAndGetsNone(@TempDir Path dir) {
    TableIO tables = new TableIO(SharedSpark.get(), dir.toString());
    for (String job : ORDER) {
      RunLog.write(tables, succeeded("run-" + job, job));
    }
    assertEquals(
        List.of(), CrashedRuns.record(tables, locksOfOneRun(LOCKED), ORDER, "run-found-it"));
    assertEquals(3, tables.read(Tables.RUN_LOG).count());
  }

  @Test
  void withoutARunLogTheFirstJobWasRunning() {
    JobResult r =
        CrashedRuns.crashed(locksOfOneRun(LOCKED.minusSeconds(1)), java.util.Set.of(), ORDER, "x")
            .orElseThrow();
    assertEquals("ingest", r.job());
    assertEquals(LOCKED, r.finishedAt(), "never before it started");
  }
}
