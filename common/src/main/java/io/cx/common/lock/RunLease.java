package io.cx.common.lock;

import io.cx.common.config.LockOptions;
import io.cx.common.error.RunLockedException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locks a run holds for one date, kept alive by a daemon thread that refreshes their heartbeat
 * every {@code locks.heartbeat_seconds}. Closing it stops the heartbeat and deletes the lock files
 * that are still this run's. If another run took a lock over (this run's heartbeat stopped for
 * longer than {@code locks.stale_after_seconds}), {@link #checkHeld} says so before the next job.
 */
public final class RunLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);

  /** One lock file and the record this run wrote into it. */
  record Held(Path file, LockRecord record) {}

  private final LockFiles files;
  private final List<Held> held;
  private final LockOptions options;
  private final List<LockRecord> takenOver;
  private final AtomicReference<String> lost = new AtomicReference<>();
  private ScheduledExecutorService heartbeat;

  RunLease(LockFiles files, List<Held> held, LockOptions options, List<LockRecord> takenOver) {
    this.files = files;
    this.held = List.copyOf(held);
    this.options = options;
    this.takenOver = List.copyOf(takenOver);
  }

  /**
   * The records of the locks this run took over from crashed runs (their process ended, or their
   * heartbeat stopped): what {@link io.cx.common.job.CrashedRuns} turns into run_log rows.
   */
  public List<LockRecord> takenOver() {
    return takenOver;
  }

  RunLease start() {
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cx-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = options.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Throws when another run has taken one of the locks over since this run took it.
   *
   * @throws RunLockedException naming the run that holds it now
   */
  public void checkHeld() {
    String message = lost.get();
    if (message != null) {
      throw new RunLockedException(message);
    }
  }

  /** Refreshes every lock's heartbeat; a lock another run holds now is noted as lost. */
  void beat() {
    for (Held h : held) {
      try {
        Optional<LockFiles.Stored> now = files.read(h.file());
        if (now.isEmpty()) {
          if (files.createNew(h.file(), h.record().beat(Instant.now()).toJson())) {
            LOG.warn("cx: the lock file {} had gone; written again", h.file());
          }
          continue;
        }
        Optional<LockRecord> holder = LockRecord.parse(now.get().content());
        if (holder.isEmpty()) {
          continue;
        }
        if (!holder.get().runId().equals(h.record().runId())) {
          String message =
              h.record().key()
                  + ": this run's lock was taken over by "
                  + RunLocks.describe(holder.get())
                  + ", as this run's heartbeat had stopped for longer than"
                  + " locks.stale_after_seconds ("
                  + options.staleAfter().toSeconds()
                  + " s); this run stops before its next job";
          if (lost.compareAndSet(null, message)) {
            LOG.error("cx: {}", message);
          }
          continue;
        }
        files.replace(h.file(), h.record().beat(Instant.now()).toJson());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cx: cannot refresh the lock {}: {}", h.file(), e.toString());
      }
    }
  }

  /** Stops the heartbeat and deletes the lock files that are still this run's. */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      try {
        heartbeat.awaitTermination(options.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Held h : held) {
      try {
        Optional<LockRecord> holder =
            files.read(h.file()).flatMap(s -> LockRecord.parse(s.content()));
        if (holder.isPresent() && holder.get().runId().equals(h.record().runId())) {
          files.delete(h.file());
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("cx: cannot release the lock {}: {}", h.file(), e.toString());
      }
    }
  }
}
