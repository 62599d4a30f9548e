package io.cx.common.spark;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Delta write again when a concurrent commit conflicts with it. cx's tables are partitioned
 * by run date (touchpoint_kpis by period grain), and Delta checks a write's {@code replaceWhere}
 * against other commits by its partition predicates only: two runs writing different journeys of
 * the same date conflict although their rows do not meet, and the second to commit fails with
 * {@code ConcurrentAppendException}. A cx write replaces exactly its scope with rows computed from
 * pinned table versions, so writing it again on top of the other commit gives the table both runs'
 * rows, as if they had run one after the other. Two runs of the same scope do not meet here: the
 * run locks keep them apart.
 */
final class ConflictRetry {
  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

  /** Attempts of one write, the first included. */
  static final int ATTEMPTS = 5;

  /** The pause before the first retry; it doubles each time, plus up to as much at random. */
  static final long FIRST_PAUSE_MILLIS = 200;

  private ConflictRetry() {}

  static <T> T write(String table, Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        DeltaConcurrentModificationException conflict = conflictIn(e);
        if (conflict == null || attempt >= ATTEMPTS) {
          throw e;
        }
        LOG.warn(
            "cx: writing {} conflicted with a concurrent commit ({}); writing again, attempt {} of"
                + " {}",
            table,
            conflict.getClass().getSimpleName(),
            attempt + 1,
            ATTEMPTS);
        pause(FIRST_PAUSE_MILLIS << (attempt - 1));
      }
    }
  }

  private static DeltaConcurrentModificationException conflictIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DeltaConcurrentModificationException c) {
        return c;
      }
    }
    return null;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to write again", e);
    }
  }
}
