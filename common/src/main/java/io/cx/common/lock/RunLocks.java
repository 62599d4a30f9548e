package io.cx.common.lock;

import io.cx.common.config.LockOptions;
import io.cx.common.error.RunLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run locks of one warehouse, under {@code <warehouse>/_cx/locks/<job>/<journey>/<date>.lock}.
 * A run takes the locks of every job, journey and date it is about to run before it starts, so a
 * second run of any of them fails at once ({@link RunLockedException}, exit 1) with the running
 * run's id, and runs of other journeys or dates go ahead. A lock is a lease: its holder refreshes
 * it ({@link RunLease}); a lock whose heartbeat is older than {@code locks.stale_after_seconds},
 * or, on the holder's own host, whose process has ended, is a crashed run's, and is taken over with
 * a warning.
 */
public final class RunLocks {
  /** The folder of the locks under the warehouse. */
  public static final String FOLDER = "_cx/locks";

  private static final Logger LOG = LoggerFactory.getLogger(RunLocks.class);
  private static final int ATTEMPTS = 3;

  private final LockFiles files;
  private final Path root;
  private final LockOptions options;
  private final HostIdentity self;

  RunLocks(LockFiles files, Path root, LockOptions options, HostIdentity self) {
    this.files = files;
    this.root = root;
    this.options = options;
    this.self = self;
  }

  /** The locks of the warehouse at {@code warehouse}, held by this process. */
  public static RunLocks of(String warehouse, LockOptions options, Configuration conf) {
    Path root = new Path(warehouse.endsWith("/") ? warehouse + FOLDER : warehouse + "/" + FOLDER);
    try {
      return new RunLocks(LockFiles.forRoot(root, conf), root, options, HostIdentity.current());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the run locks at " + root, e);
    }
  }

  /** The lock file of a key. */
  public Path path(LockKey key) {
    return new Path(root, key.relativePath());
  }

  /**
   * Takes the locks of every job (with the run id it will run under) and journey for one date, in
   * that order, or none of them.
   *
   * @throws RunLockedException when another run holds one of them
   */
  public RunLease acquire(LocalDate date, Map<String, String> runIdByJob, List<String> journeys) {
    List<RunLease.Held> held = new ArrayList<>();
    List<LockRecord> takenOver = new ArrayList<>();
    try {
      for (Map.Entry<String, String> job : runIdByJob.entrySet()) {
        for (String journey : journeys.stream().sorted().toList()) {
          LockKey key = new LockKey(job.getKey(), journey, date);
          held.add(new RunLease.Held(path(key), take(key, job.getValue(), takenOver)));
        }
      }
    } catch (RuntimeException e) {
      new RunLease(files, held, options, List.of()).close();
      throw e;
    }
    LOG.info(
        "cx {}: locked {} for journeys {} under {}",
        date,
        String.join(", ", runIdByJob.keySet()),
        String.join(", ", journeys),
        root);
    return new RunLease(files, held, options, takenOver).start();
  }

  /** Takes one lock; the record of a crashed run's lock it takes over is added to takenOver. */
  private LockRecord take(LockKey key, String runId, List<LockRecord> takenOver) {
    Path file = path(key);
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Instant now = Instant.now();
        LockRecord mine = new LockRecord(runId, key, self, now, now);
        if (files.createNew(file, mine.toJson())) {
          return mine;
        }
        Optional<LockFiles.Stored> current = files.read(file);
        if (current.isEmpty()) {
          continue;
        }
        Optional<LockRecord> holder = LockRecord.parse(current.get().content());
        Optional<String> stale = staleness(current.get(), holder, now);
        if (stale.isEmpty()) {
          throw new RunLockedException(heldMessage(key, file, current.get(), holder));
        }
        if (takeOver(file, current.get(), runId)) {
          holder.ifPresent(takenOver::add);
          LOG.warn(
              "cx: taking over the lock of {} at {} from {}: {}",
              key,
              file,
              holder.map(RunLocks::describe).orElse("an unreadable lock file"),
              stale.get());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the run lock " + file, e);
    }
    throw new RunLockedException(
        key
            + ": other runs contend for its lock at "
            + file
            + "; none got it after "
            + ATTEMPTS
            + " attempts, retry");
  }

  /**
   * Moves a stale lock aside, unless another run replaced it since it was read (then puts that one
   * back). True when the stale lock is gone.
   */
  private boolean takeOver(Path file, LockFiles.Stored stale, String runId) throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + ".stale-" + runId);
    if (!files.moveAside(file, aside)) {
      return false;
    }
    Optional<LockFiles.Stored> moved = files.read(aside);
    boolean same = moved.isPresent() && Arrays.equals(moved.get().content(), stale.content());
    if (!same && moved.isPresent()) {
      files.createNew(file, moved.get().content());
    }
    files.delete(aside);
    return same;
  }

  /** Why a lock is a crashed run's, or empty when its holder is alive. */
  Optional<String> staleness(LockFiles.Stored stored, Optional<LockRecord> record, Instant now) {
    Instant beat = stored.modified();
    if (record.isPresent() && record.get().heartbeatAt().isAfter(beat)) {
      beat = record.get().heartbeatAt();
    }
    Duration silent = Duration.between(beat, now);
    if (silent.compareTo(options.staleAfter()) > 0) {
      return Optional.of(
          "its last heartbeat, at "
              + seconds(beat)
              + ", is older than locks.stale_after_seconds ("
              + options.staleAfter().toSeconds()
              + " s)");
    }
    if (record.isPresent() && self.hasEnded(record.get().holder(), record.get().startedAt())) {
      return Optional.of(
          "its process (pid " + record.get().holder().pid() + ") has ended on this host");
    }
    return Optional.empty();
  }

  private String heldMessage(
      LockKey key, Path file, LockFiles.Stored stored, Optional<LockRecord> holder) {
    String who =
        holder
            .map(
                r ->
                    "run "
                        + r.runId()
                        + " started "
                        + seconds(r.startedAt())
                        + " on host "
                        + r.holder().host()
                        + " (pid "
                        + r.holder().pid()
                        + "), last heartbeat "
                        + seconds(r.heartbeatAt()))
            .orElse(
                "its lock file, changed "
                    + seconds(stored.modified())
                    + ", is being written and names no run yet");
    return key
        + " is already running: "
        + who
        + ". Retry when it has ended; a crashed run's lock is taken over "
        + options.staleAfter().toSeconds()
        + " s after its last heartbeat, or at once from its own host (lock file "
        + file
        + ")";
  }

  static String describe(LockRecord r) {
    return "run "
        + r.runId()
        + " (host "
        + r.holder().host()
        + ", pid "
        + r.holder().pid()
        + ", started "
        + seconds(r.startedAt())
        + ")";
  }

  static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
