package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import io.cx.jobs.testing.CxProcess;
import io.cx.jobs.testing.Folders;
import io.cx.jobs.testing.HaltingFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A night's run killed at several points, each time run again, ends with exactly the tables of a
 * run that was never interrupted, and run_log shows every attempt. The killed runs are {@code cx}
 * processes of their own: halted before a chosen data file is created ({@link HaltingFileSystem}),
 * or killed with {@code kill -9} when a job starts.
 */
class CrashRecoveryTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
  static final LocalDate D1 = LocalDate.of(2024, 6, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final String JOBS = "ingest,fuse,drivers";

  @Test
  void aNightKilledAnywhereAndRunAgainEndsWithTheTablesOfAnUninterruptedNight(@TempDir Path dir) {
    DailyWorkspace ws = new DailyWorkspace(dir.resolve("world")).day(D1).day(D2);
    Path uninterrupted = Path.of(ws.workspace().warehouse());
    Path killed = dir.resolve("killed");
    assertOk(CliTest.cx("run", "--config", ws.config(), "--date", D1.toString(), "--jobs", JOBS));
    Folders.copy(uninterrupted, killed);
    assertOk(CliTest.cx("run", "--config", ws.config(), "--date", D2.toString(), "--jobs", JOBS));

    String[] night2 = {
      "run",
      "--config",
      ws.config(),
      "--date",
      D2.toString(),
      "--jobs",
      JOBS,
      "--set",
      "warehouse=" + killed
    };
    // During ingest: survey_answers committed, behavior_events not yet.
    assertKilled(new CxProcess().haltBeforeWriting(".+/behavior_events/.+\\.parquet").run(night2));
    // In the middle of fuse's MERGE: journey_stage_facts merged, journey_features not.
    assertKilled(new CxProcess().haltBeforeWriting(".+/journey_features/.+\\.parquet").run(night2));
    // Between jobs: fuse done and logged, drivers just started.
    assertKilled(new CxProcess().killOnLine("cx drivers for " + D2 + " started").run(night2));
    // While writing the driver tables: driver_importance committed, metric_thresholds not.
    assertKilled(
        new CxProcess().haltBeforeWriting(".+/metric_thresholds/.+\\.parquet").run(night2));

    Run again = CliTest.cx(night2);
    assertOk(again);
    assertTrue(
        again.err().contains("ended before cx drivers finished: it was killed or crashed"),
        again.err());

    for (String table : Tables.ALL) {
      Path a = uninterrupted.resolve(table);
      Path b = killed.resolve(table);
      if (table.equals(Tables.RUN_LOG) || (!Files.exists(a) && !Files.exists(b))) {
        continue;
      }
      assertEquals(
          PipelineOutputChecksumsTest.checksum(SharedSpark.get(), a),
          PipelineOutputChecksumsTest.checksum(SharedSpark.get(), b),
          table);
    }

    // Every attempt of night 2 is in run_log: the four killed ones as failed.
    Map<String, Long> attempts = new TreeMap<>();
    List<Row> rows =
        SharedSpark.get()
            .read()
            .format("delta")
            .load(killed.resolve(Tables.RUN_LOG).toString())
            .where(functions.col(Cols.RUN_DATE).equalTo(Date.valueOf(D2)))
            .select(Cols.JOB, Cols.STATUS, Cols.ERROR)
            .collectAsList();
    for (Row r : rows) {
      attempts.merge(r.getString(0) + " " + r.getString(1), 1L, Long::sum);
      if (r.getString(1).equals("failed")) {
        assertTrue(
            r.getString(2).contains("ended before cx " + r.getString(0) + " finished"),
            r.getString(2));
      }
    }
    assertEquals(
        Map.of(
            "ingest failed", 1L,
            "ingest succeeded", 4L,
            "fuse failed", 1L,
            "fuse succeeded", 3L,
            "drivers failed", 2L,
            "drivers succeeded", 1L),
        attempts);
  }

  private static void assertOk(Run r) {
    assertEquals(0, r.code(), r.out() + r.err());
  }

  private static void assertKilled(CxProcess.Ended e) {
    assertEquals(HaltingFileSystem.EXIT_CODE, e.exitCode(), e.output());
    LOG.info("killed as planned after {} ms", e.millis());
  }
}
