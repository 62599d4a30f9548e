package io.cx.common.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.LockOptions;
import io.cx.common.error.ExitCodes;
import io.cx.common.error.RunLockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run locks on a local warehouse, through java.nio and (as on HDFS or s3a) through Hadoop's
 * file system: who waits for whom, the exact messages, stale locks taken over, the heartbeat.
 */
class RunLocksTest {
  static final LocalDate D = LocalDate.of(2024, 6, 30);
  static final LockOptions OPTIONS = new LockOptions(Duration.ofSeconds(1), Duration.ofSeconds(60));
  static final HostIdentity ELSEWHERE = new HostIdentity("elsewhere", "pid:[1]", 4242);

  @TempDir Path dir;

  private RunLocks locks(boolean hadoop) throws IOException {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri() + RunLocks.FOLDER);
    LockFiles files =
        hadoop
            ? new HadoopLockFiles(FileSystem.getLocal(conf).getRawFileSystem())
            : LockFiles.forRoot(root, conf);
    return new RunLocks(files, root, OPTIONS, HostIdentity.current());
  }

  private static Map<String, String> jobs(String... jobAndRunId) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < jobAndRunId.length; i += 2) {
      m.put(jobAndRunId[i], jobAndRunId[i + 1]);
    }
    return m;
  }

  private Path file(String job, String journey, LocalDate date) {
    return dir.resolve(RunLocks.FOLDER).resolve(job).resolve(journey).resolve(date + ".lock");
  }

  private LockRecord record(String job, String journey) throws IOException {
    return LockRecord.parse(Files.readAllBytes(file(job, journey, D))).orElseThrow();
  }

  /** A lock file as another run left it, its heartbeat and modification time {@code age} ago. */
  private void plant(String runId, HostIdentity holder, Duration age) throws IOException {
    Instant beat = Instant.now().minus(age);
    LockRecord r =
        new LockRecord(runId, new LockKey("fuse", "shop", D), holder, beat.minusSeconds(5), beat);
    Path f = file("fuse", "shop", D);
    Files.createDirectories(f.getParent());
    Files.write(f, r.toJson());
    Files.setLastModifiedTime(f, FileTime.from(beat));
  }

  private static String heldMessage(Path lockFile, LockRecord r) {
    return "fuse 2024-06-30 (journey shop) is already running: run "
        + r.runId()
        + " started "
        + RunLocks.seconds(r.startedAt())
        + " on host "
        + r.holder().host()
        + " (pid "
        + r.holder().pid()
        + "), last heartbeat "
        + RunLocks.seconds(r.heartbeatAt())
        + ". Retry when it has ended; a crashed run's lock is taken over 60 s after its last"
        + " heartbeat, or at once from its own host (lock file file:"
        + lockFile
        + ")";
  }

  @ParameterizedTest(name = "hadoop file system: {0}")
  @ValueSource(booleans = {false, true})
  void aSecondRunOfTheSameJobJourneyAndDateFailsNamingTheFirst(boolean hadoop) throws IOException {
    RunLocks locks = locks(hadoop);
    try (RunLease first = locks.acquire(D, jobs("fuse", "run-1"), List.of("shop"))) {
      LockRecord r = record("fuse", "shop");
      assertEquals("run-1", r.runId());
      assertEquals(HostIdentity.current(), r.holder());
      RunLockedException e =
          assertThrows(
              RunLockedException.class,
              () -> locks.acquire(D, jobs("fuse", "run-2"), List.of("shop")));
      assertEquals(heldMessage(file("fuse", "shop", D), r), e.getMessage());
      assertEquals(ExitCodes.RETRYABLE, ExitCodes.of(e));
      assertEquals("run-1", record("fuse", "shop").runId());
      first.checkHeld();
    }
    assertFalse(Files.exists(file("fuse", "shop", D)), "the lock file is deleted on release");
    try (RunLease again = locks.acquire(D, jobs("fuse", "run-3"), List.of("shop"))) {
      again.checkHeld();
      assertEquals("run-3", record("fuse", "shop").runId());
      assertEquals(List.of(), again.takenOver(), "a released lock is not taken over");
    }
  }

  @Test
  void otherJourneysDatesAndJobsDoNotWait() throws IOException {
    RunLocks locks = locks(false);
    try (RunLease shop = locks.acquire(D, jobs("fuse", "a"), List.of("shop"));
        RunLease other = locks.acquire(D, jobs("fuse", "b"), List.of("other"));
        RunLease nextDay = locks.acquire(D.plusDays(1), jobs("fuse", "c"), List.of("shop"));
        RunLease drivers = locks.acquire(D, jobs("drivers", "d"), List.of("shop"))) {
      shop.checkHeld();
      other.checkHeld();
      nextDay.checkHeld();
      drivers.checkHeld();
      assertEquals("a", record("fuse", "shop").runId());
      assertEquals("b", record("fuse", "other").runId());
      assertEquals("d", record("drivers", "shop").runId());
      assertTrue(Files.exists(file("fuse", "shop", D.plusDays(1))));
    }
  }

  @Test
  void aRunTakesAllItsLocksOrNone() throws IOException {
    RunLocks locks = locks(false);
    try (RunLease drivers = locks.acquire(D, jobs("drivers", "a"), List.of("shop"))) {
      drivers.checkHeld();
      assertThrows(
          RunLockedException.class,
          () -> locks.acquire(D, jobs("fuse", "b", "drivers", "b2"), List.of("other", "shop")));
      assertFalse(Files.exists(file("fuse", "shop", D)));
      assertFalse(Files.exists(file("fuse", "other", D)));
      assertFalse(Files.exists(file("drivers", "other", D)));
      assertEquals("a", record("drivers", "shop").runId());
    }
  }

  @ParameterizedTest(name = "hadoop file system: {0}")
  @ValueSource(booleans = {false, true})
  void aLiveRunOnAnotherHostHoldsItsLock(boolean hadoop) throws IOException {
    plant("run-elsewhere", ELSEWHERE, Duration.ofSeconds(20));
    LockRecord planted = record("fuse", "shop");
    RunLockedException e =
        assertThrows(
            RunLockedException.class,
            () -> locks(hadoop).acquire(D, jobs("fuse", "run-2"), List.of("shop")));
    assertEquals(heldMessage(file("fuse", "shop", D), planted), e.getMessage());
  }

  @ParameterizedTest(name = "hadoop file system: {0}")
  @ValueSource(booleans = {false, true})
  void aLockWhoseHeartbeatStoppedIsTakenOver(boolean hadoop) throws IOException {
    plant("run-crashed", ELSEWHERE, Duration.ofSeconds(61));
    try (RunLease lease = locks(hadoop).acquire(D, jobs("fuse", "run-2"), List.of("shop"))) {
      lease.checkHeld();
      assertEquals("run-2", record("fuse", "shop").runId());
      assertEquals(
          List.of("run-crashed elsewhere fuse 2024-06-30 (journey shop)"),
          lease.takenOver().stream()
              .map(r -> r.runId() + " " + r.holder().host() + " " + r.key())
              .toList());
    }
    try (var left = Files.list(file("fuse", "shop", D).getParent())) {
      assertEquals(List.of(), left.toList(), "nothing is left beside the lock");
    }
  }

  @ParameterizedTest(name = "hadoop file system: {0}")
  @ValueSource(booleans = {false, true})
  void theLockOfAnEndedProcessOnThisHostIsTakenOverAtOnce(boolean hadoop) throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertEquals(0, p.waitFor());
    HostIdentity here = HostIdentity.current();
    plant("run-killed", new HostIdentity(here.host(), here.pidNamespace(), p.pid()), Duration.ZERO);
    try (RunLease lease = locks(hadoop).acquire(D, jobs("fuse", "run-2"), List.of("shop"))) {
      lease.checkHeld();
      assertEquals("run-2", record("fuse", "shop").runId());
      assertEquals(
          List.of("run-killed"), lease.takenOver().stream().map(LockRecord::runId).toList());
    }
  }

  @Test
  void aLockFileBeingWrittenHoldsUntilItIsStale() throws IOException {
    Path f = file("fuse", "shop", D);
    Files.createDirectories(f.getParent());
    Files.write(f, "{\"run_id\":".getBytes(StandardCharsets.UTF_8));
    Instant changed = Instant.now().minusSeconds(3);
    Files.setLastModifiedTime(f, FileTime.from(changed));
    RunLocks locks = locks(false);
    RunLockedException e =
        assertThrows(
            RunLockedException.class,
            () -> locks.acquire(D, jobs("fuse", "run-2"), List.of("shop")));
    assertEquals(
        "fuse 2024-06-30 (journey shop) is already running: its lock file, changed "
            + RunLocks.seconds(changed)
            + ", is being written and names no run yet. Retry when it has ended; a crashed run's"
            + " lock is taken over 60 s after its last heartbeat, or at once from its own host"
            + " (lock file file:"
            + f
            + ")",
        e.getMessage());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(61)));
    try (RunLease lease = locks.acquire(D, jobs("fuse", "run-2"), List.of("shop"))) {
      lease.checkHeld();
      assertEquals("run-2", record("fuse", "shop").runId());
    }
  }

  @Test
  void theHeartbeatKeepsTheLockFresh() throws Exception {
    try (RunLease lease = locks(false).acquire(D, jobs("fuse", "run-1"), List.of("shop"))) {
      lease.checkHeld();
      LockRecord first = record("fuse", "shop");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!record("fuse", "shop").heartbeatAt().isAfter(first.heartbeatAt())) {
        assertTrue(System.nanoTime() < deadline, "no heartbeat within 20 s");
        Thread.sleep(100);
      }
      LockRecord later = record("fuse", "shop");
      assertEquals(first.runId(), later.runId());
      assertEquals(first.startedAt(), later.startedAt());
    }
  }

  @Test
  void aRunWhoseLockWasTakenOverStopsBeforeItsNextJob() throws Exception {
    RunLease lease = locks(false).acquire(D, jobs("fuse", "run-1"), List.of("shop"));
    try {
      plant("run-2", ELSEWHERE, Duration.ZERO);
      LockRecord taker = record("fuse", "shop");
      lease.beat();
      RunLockedException e = assertThrows(RunLockedException.class, lease::checkHeld);
      assertEquals(
          "fuse 2024-06-30 (journey shop): this run's lock was taken over by run run-2 (host"
              + " elsewhere, pid 4242, started "
              + RunLocks.seconds(taker.startedAt())
              + "), as this run's heartbeat had stopped for longer than"
              + " locks.stale_after_seconds (60 s); this run stops before its next job",
          e.getMessage());
    } finally {
      lease.close();
    }
    assertEquals("run-2", record("fuse", "shop").runId(), "the other run's lock stays");
  }
}
