package io.cx.common.job;

import io.cx.common.error.ExitCodes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** run_log rows for tests: one job attempt with its status, half a second long, no rows. */
final class Attempts {
  private Attempts() {}

  static JobResult of(
      String runId, String job, LocalDate date, String journeys, String status, Instant at) {
    return new JobResult(
        runId,
        job,
        date,
        journeys,
        status,
        status.equals(ExitCodes.STATUS_SUCCEEDED) ? 0 : 1,
        at,
        at.plusMillis(500),
        0,
        0,
        0,
        Map.of(),
        "hash",
        null,
        null,
        Map.of());
  }
}
