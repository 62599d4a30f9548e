package io.cx.common.config;

import java.time.Duration;

/**
 * The {@code locks:} section: the lease a run holds on each job, journey and date it runs, so that
 * a second run of the same ones fails fast instead of overwriting the first one's rows.
 *
 * @param heartbeat how often a running run refreshes its locks
 * @param staleAfter a lock whose last heartbeat is older than this is taken to be a crashed run's
 *     and is taken over (on the holder's own host, a lock whose process is gone is taken over at
 *     once)
 */
public record LockOptions(Duration heartbeat, Duration staleAfter) {
  public static final int DEFAULT_HEARTBEAT_SECONDS = 30;
  public static final int DEFAULT_STALE_AFTER_SECONDS = 300;

  /** Heartbeats a lock may miss before it is stale, at the least. */
  public static final int MIN_MISSED_HEARTBEATS = 3;

  public static LockOptions defaults() {
    return new LockOptions(
        Duration.ofSeconds(DEFAULT_HEARTBEAT_SECONDS),
        Duration.ofSeconds(DEFAULT_STALE_AFTER_SECONDS));
  }

  static LockOptions read(ConfigNode n) {
    int heartbeat = n.integer("heartbeat_seconds", DEFAULT_HEARTBEAT_SECONDS);
    int staleAfter = n.integer("stale_after_seconds", DEFAULT_STALE_AFTER_SECONDS);
    Problems p = n.problems();
    p.check(heartbeat >= 1, n.keyPath("heartbeat_seconds"), "must be at least 1 second, e.g. 30");
    p.check(
        heartbeat < 1 || staleAfter >= MIN_MISSED_HEARTBEATS * heartbeat,
        n.keyPath("stale_after_seconds"),
        "must be at least "
            + MIN_MISSED_HEARTBEATS
            + " heartbeats ("
            + MIN_MISSED_HEARTBEATS * (long) heartbeat
            + " s with heartbeat_seconds "
            + heartbeat
            + "), so that a late heartbeat does not hand a running run's lock to another; e.g. "
            + DEFAULT_STALE_AFTER_SECONDS);
    return new LockOptions(Duration.ofSeconds(heartbeat), Duration.ofSeconds(staleAfter));
  }
}
