package io.cx.common.lock;

import java.time.LocalDate;

/**
 * What one lock guards: one job's rows of one journey and run date. Two runs never hold the same
 * key at once; runs of other jobs, journeys or dates do not meet.
 *
 * @param job the job name
 * @param journey the journey id ({@code [a-z][a-z0-9_]*}, safe in a path)
 * @param runDate the logical date
 */
public record LockKey(String job, String journey, LocalDate runDate) {
  /** The lock file's path under the locks folder: {@code <job>/<journey>/<date>.lock}. */
  public String relativePath() {
    return job + "/" + journey + "/" + runDate + ".lock";
  }

  /** How messages name it: {@code fuse 2024-06-30 (journey shop)}. */
  @Override
  public String toString() {
    return job + " " + runDate + " (journey " + journey + ")";
  }
}
