package io.cx.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which dates run_log shows done: the latest attempt of every job, for every journey, succeeded.
 */
class RunHistoryTest {
  static final LocalDate D1 = LocalDate.of(2024, 6, 1);
  static final List<String> JOBS = List.of("ingest", "fuse");
  private static long clock;

  private static JobResult attempt(String job, LocalDate date, String journeys, String status) {
    Instant at = Instant.parse("2024-07-01T00:00:00Z").plusSeconds(++clock);
    return Attempts.of("run-" + clock, job, date, journeys, status, at);
  }

  @Test
  void aDateIsDoneWhenTheLatestAttemptOfEveryJobAndJourneySucceeded(@TempDir Path dir) {
    TableIO tables = new TableIO(SharedSpark.get(), dir.toString());
    assertEquals(Set.of(), RunHistory.done(tables, JOBS, List.of("a"), D1, D1.plusDays(4)));
    LocalDate d2 = D1.plusDays(1);
    LocalDate d3 = D1.plusDays(2);
    LocalDate d4 = D1.plusDays(3);
    LocalDate d5 = D1.plusDays(4);
    List<JobResult> log =
        List.of(
            // D1: both jobs, both journeys in one run: done for a, for b, for both.
            attempt("ingest", D1, "a,b", ExitCodes.STATUS_SUCCEEDED),
            attempt("fuse", D1, "a,b", ExitCodes.STATUS_SUCCEEDED),
            // D2: fuse failed, then succeeded: done.
            attempt("ingest", d2, "a,b", ExitCodes.STATUS_SUCCEEDED),
            attempt("fuse", d2, "a,b", "failed"),
            attempt("fuse", d2, "a,b", ExitCodes.STATUS_SUCCEEDED),
            // D3: a rerun of fuse for journey a failed after a success: not done for a.
            attempt("ingest", d3, "a,b", ExitCodes.STATUS_SUCCEEDED),
            attempt("fuse", d3, "a,b", ExitCodes.STATUS_SUCCEEDED),
            attempt("fuse", d3, "a", "failed"),
            // D4: only ingest ran.
            attempt("ingest", d4, "a,b", ExitCodes.STATUS_SUCCEEDED),
            // D5: the jobs ran for journey b only.
            attempt("ingest", d5, "b", ExitCodes.STATUS_SUCCEEDED),
            attempt("fuse", d5, "b", ExitCodes.STATUS_SUCCEEDED));
    tables.append(
        Tables.RUN_LOG,
        SharedSpark.get()
            .createDataFrame(log.stream().map(RunLog::toRow).toList(), Schemas.RUN_LOG));
    assertEquals(Set.of(D1, d2), RunHistory.done(tables, JOBS, List.of("a"), D1, d5));
    assertEquals(Set.of(D1, d2, d3, d5), RunHistory.done(tables, JOBS, List.of("b"), D1, d5));
    assertEquals(Set.of(D1, d2), RunHistory.done(tables, JOBS, List.of("a", "b"), D1, d5));
    assertEquals(
        Set.of(D1, d2, d3, d4),
        RunHistory.done(tables, List.of("ingest"), List.of("a"), D1, d5),
        "done for the jobs asked about");
    assertEquals(Set.of(d2), RunHistory.done(tables, JOBS, List.of("a"), d2, d4));
  }
}
