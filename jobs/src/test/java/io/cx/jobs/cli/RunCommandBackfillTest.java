package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cx run --from --to}: each date in order through its own daily exports, stopping at the
 * first failure, resuming at the first date not done, and the summary that says which is which.
 */
class RunCommandBackfillTest {
  static final LocalDate D1 = LocalDate.of(2024, 6, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final LocalDate D3 = D1.plusDays(2);

  private static Run range(DailyWorkspace ws, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--config",
                ws.config(),
                "--from",
                D1.toString(),
                "--to",
                D3.toString(),
                "--jobs",
                "ingest"));
    args.addAll(List.of(more));
    return CliTest.cx(args.toArray(String[]::new));
  }

  /** The (run_date, job, status) of every run_log row, in that order. */
  private static List<String> runLog(DailyWorkspace ws) {
    return SharedSpark.get()
        .read()
        .format("delta")
        .load(ws.workspace().warehouse() + "/" + Tables.RUN_LOG)
        .select(
            functions.concat_ws(
                " ",
                functions.col(Cols.RUN_DATE).cast("string"),
                functions.col(Cols.JOB),
                functions.col(Cols.STATUS)))
        .orderBy(functions.col(Cols.STARTED_AT))
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void aRangeStopsAtTheFirstFailureAndResumesThereWhenCalledAgain(@TempDir Path dir) {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D1).badDay(D2).day(D3);
    Run failed = range(ws);
    assertEquals(3, failed.code(), failed.err());
    assertTrue(failed.out().contains("cx run 2024-06-01: succeeded in "), failed.out());
    assertTrue(
        failed.err().contains("cx run 2024-06-02: failed at ingest with exit 3 after "),
        failed.err());
    assertTrue(
        failed
            .err()
            .endsWith(
                "cx run 2024-06-01..2024-06-03: exit 3\n"
                    + "  run: 2024-06-01 (1 date)\n"
                    + "  skipped, already done: none\n"
                    + "  failed: 2024-06-02 (ingest, exit 3)\n"
                    + "  not run: 2024-06-03 (1 date)\n"),
        failed.err());

    ws.day(D2);
    Run resumed = range(ws);
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(
        "cx run 2024-06-01..2024-06-03: 3 dates; already done, skipped: 2024-06-01 (1 date); to"
            + " run: 2024-06-02..2024-06-03 (2 dates)",
        resumed.out().lines().findFirst().orElseThrow());
    assertTrue(
        resumed
            .out()
            .endsWith(
                "cx run 2024-06-01..2024-06-03: exit 0\n"
                    + "  run: 2024-06-02..2024-06-03 (2 dates)\n"
                    + "  skipped, already done: 2024-06-01 (1 date)\n"
                    + "  failed: none\n"
                    + "  not run: none\n"),
        resumed.out());
    assertEquals(
        List.of(
            "2024-06-01 ingest succeeded",
            "2024-06-02 ingest rejected_input",
            "2024-06-02 ingest succeeded",
            "2024-06-03 ingest succeeded"),
        runLog(ws));

    List<String> perDate =
        resumed.out().lines().filter(l -> l.matches("cx run 2024-06-0[0-9]: .*")).toList();
    assertEquals(2, perDate.size(), resumed.out());
    assertTrue(
        perDate.get(0).matches("cx run 2024-06-02: succeeded in [0-9.]+ s \\(1 job\\)"),
        perDate.get(0));
    List<Row> answers =
        SharedSpark.get()
            .read()
            .format("delta")
            .load(ws.workspace().warehouse() + "/" + Tables.SURVEY_ANSWERS)
            .groupBy(functions.col(Cols.RUN_DATE).cast("string"))
            .agg(functions.countDistinct(Cols.RESPONSE_ID))
            .orderBy(functions.col(Cols.RUN_DATE).cast("string"))
            .collectAsList();
    assertEquals(
        "[[2024-06-01,4], [2024-06-02,4], [2024-06-03,4]]",
        answers.toString(),
        "each date read its own export");

    Run nothingLeft = range(ws);
    assertEquals(0, nothingLeft.code(), nothingLeft.err());
    assertTrue(
        nothingLeft
            .out()
            .startsWith(
                "cx run 2024-06-01..2024-06-03: 3 dates; already done, skipped:"
                    + " 2024-06-01..2024-06-03 (3 dates); to run: none\n"),
        nothingLeft.out());
    assertTrue(nothingLeft.out().contains("  run: none\n"), nothingLeft.out());
    assertEquals(4, runLog(ws).size(), "a range already done runs nothing");

    Run forced =
        CliTest.cx(
            "run",
            "--config",
            ws.config(),
            "--from",
            D3.toString(),
            "--to",
            D3.toString(),
            "--jobs",
            "ingest",
            "--force");
    assertEquals(0, forced.code(), forced.err());
    assertTrue(
        forced.out().contains("  run: 2024-06-03 (1 date)\n  skipped, already done: none\n"),
        forced.out());
    assertEquals(5, runLog(ws).size(), "--force runs a date already done");
  }

  @Test
  void theDatesAfterTheFirstDateNotDoneRunAgain(@TempDir Path dir) {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D1).day(D2).day(D3);
    Run single =
        CliTest.cx("run", "--config", ws.config(), "--date", D3.toString(), "--jobs", "ingest");
    assertEquals(0, single.code(), single.err());
    assertEquals(List.of("2024-06-03 ingest succeeded"), runLog(ws));
    Run r = range(ws);
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains("  run: 2024-06-01..2024-06-03 (3 dates)\n  skipped, already done: none\n"),
        r.out());
  }

  @Test
  void aDateWithoutInputStopsTheRangeWithFour(@TempDir Path dir) {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D3);
    Run r =
        CliTest.cx("run", "--config", ws.config(), "--from", D2.toString(), "--to", D3.toString());
    assertEquals(4, r.code(), r.err());
    assertTrue(
        r.err()
            .endsWith(
                "  run: none\n"
                    + "  skipped, already done: none\n"
                    + "  failed: 2024-06-02 (ingest, exit 4)\n"
                    + "  not run: 2024-06-03 (1 date)\n"),
        r.err());
    assertTrue(r.err().contains("no input for 2024-06-02: nothing matches "), r.err());
  }

  @Test
  void eachDateOfARangeRunsTheWholePipeline(@TempDir Path dir) {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D1).day(D2);
    Run r =
        CliTest.cx("run", "--config", ws.config(), "--from", D1.toString(), "--to", D2.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    for (LocalDate d : List.of(D1, D2)) {
      for (String job : Jobs.names()) {
        assertTrue(r.out().contains("cx " + job + " " + d + ": succeeded"), r.out());
      }
    }
    assertTrue(r.out().contains("  run: 2024-06-01..2024-06-02 (2 dates)\n"), r.out());
  }
}
