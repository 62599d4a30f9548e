package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.LockOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.lock.HostIdentity;
import io.cx.common.lock.LockKey;
import io.cx.common.lock.LockRecord;
import io.cx.common.lock.RunLease;
import io.cx.common.lock.RunLocks;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of one job, journey and date exclude each other through the CLI; a crashed run's lock is
 * taken over; runs of two journeys of one date go ahead at once, each writing its own rows.
 */
class RunCommandLockTest {
  static final LocalDate D = LocalDate.of(2024, 6, 1);

  private static Path lockFile(String warehouse, String job, String journey) {
    return Path.of(warehouse, RunLocks.FOLDER, job, journey, D + ".lock");
  }

  @Test
  void aRunOfWhatAnotherRunHoldsFailsAtOnceWithOneNamingIt(@TempDir Path dir) throws Exception {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D);
    String warehouse = ws.workspace().warehouse();
    RunLocks locks =
        RunLocks.of(
            warehouse, LockOptions.defaults(), SharedSpark.get().sessionState().newHadoopConf());
    Run refused;
    Run inRange;
    LockRecord held;
    try (RunLease lease = locks.acquire(D, Map.of("fuse", "run-held"), List.of("shop"))) {
      lease.checkHeld();
      held =
          LockRecord.parse(Files.readAllBytes(lockFile(warehouse, "fuse", "shop"))).orElseThrow();
      refused = CliTest.cx("run", "--config", ws.config(), "--date", D.toString());
      inRange =
          CliTest.cx("run", "--config", ws.config(), "--from", D.toString(), "--to", D.toString());
    }
    String message =
        "fuse 2024-06-01 (journey shop) is already running: run run-held started "
            + held.startedAt().truncatedTo(ChronoUnit.SECONDS)
            + " on host "
            + HostIdentity.current().host()
            + " (pid "
            + ProcessHandle.current().pid()
            + "), last heartbeat "
            + held.heartbeatAt().truncatedTo(ChronoUnit.SECONDS)
            + ". Retry when it has ended; a crashed run's lock is taken over 300 s after its"
            + " last heartbeat, or at once from its own host (lock file "
            + locks.path(new LockKey("fuse", "shop", D))
            + ")";
    assertEquals(1, refused.code(), refused.err());
    assertEquals("cx: " + message + "\n", refused.err());
    assertEquals("", refused.out(), "no job ran");
    assertEquals(1, inRange.code(), inRange.err());
    assertTrue(
        inRange
            .err()
            .endsWith(
                "cx run 2024-06-01: failed with exit 1: "
                    + message
                    + "\ncx run 2024-06-01..2024-06-01: exit 1\n"
                    + "  run: none\n"
                    + "  skipped, already done: none\n"
                    + "  failed: 2024-06-01 (locked, exit 1)\n"
                    + "  not run: none\n"),
        inRange.err());
    assertFalse(Files.exists(Path.of(warehouse, Tables.RUN_LOG)), "nothing ran, nothing logged");
    assertFalse(
        Files.exists(lockFile(warehouse, "ingest", "shop")), "the refused run left no lock");

    Run after =
        CliTest.cx("run", "--config", ws.config(), "--date", D.toString(), "--jobs", "ingest");
    assertEquals(0, after.code(), after.err());
    assertFalse(Files.exists(lockFile(warehouse, "ingest", "shop")), "released at the end");
  }

  @Test
  void theLockOfACrashedRunIsTakenOver(@TempDir Path dir) throws Exception {
    DailyWorkspace ws = new DailyWorkspace(dir).day(D);
    String warehouse = ws.workspace().warehouse();
    Process gone = new ProcessBuilder("true").start();
    assertEquals(0, gone.waitFor());
    HostIdentity here = HostIdentity.current();
    Instant then = Instant.now().minusSeconds(30);
    LockRecord crashed =
        new LockRecord(
            "run-crashed",
            new LockKey("ingest", "shop", D),
            new HostIdentity(here.host(), here.pidNamespace(), gone.pid()),
            then,
            then);
    Path f = lockFile(warehouse, "ingest", "shop");
    Files.createDirectories(f.getParent());
    Files.write(f, crashed.toJson());
    Run r = CliTest.cx("run", "--config", ws.config(), "--date", D.toString(), "--jobs", "ingest");
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(f));
  }

  @Test
  void twoJourneysOfOneDateRunAtOnceAndBothWriteTheirRows(@TempDir Path dir) throws Exception {
    String warehouse = dir.resolve("warehouse").toString();
    DailyWorkspace shop = new DailyWorkspace(dir.resolve("shop"), "shop", "q").day(D);
    DailyWorkspace other = new DailyWorkspace(dir.resolve("other"), "other", "o").day(D);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Run>> runs =
          List.of(shop, other).stream()
              .map(
                  ws ->
                      pool.submit(
                          () ->
                              CliTest.cx(
                                  "run",
                                  "--config",
                                  ws.config(),
                                  "--date",
                                  D.toString(),
                                  "--jobs",
                                  "ingest,fuse",
                                  "--set",
                                  "warehouse=" + warehouse)))
              .toList();
      for (Future<Run> f : runs) {
        Run r = f.get(600, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err() + r.out());
      }
    } finally {
      pool.shutdownNow();
    }
    for (String table : List.of(Tables.SURVEY_ANSWERS, Tables.JOURNEY_FEATURES)) {
      var counts =
          SharedSpark.get()
              .read()
              .format("delta")
              .load(warehouse + "/" + table)
              .groupBy(Cols.JOURNEY)
              .agg(functions.countDistinct(Cols.RESPONSE_ID))
              .orderBy(Cols.JOURNEY)
              .collectAsList();
      assertEquals("[[other,4], [shop,4]]", counts.toString(), table);
    }
  }
}
