package io.cx.common.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What one job run did; the same facts are its {@code run_log} row. The caller never has to dig in
 * logs to know what happened.
 *
 * @param runId unique id of this run
 * @param job job name
 * @param runDate the logical date the scheduler passed
 * @param journeys the journeys of the run, comma-separated
 * @param status succeeded, failed, rejected_input or no_input
 * @param exitCode the process exit code it stands for
 * @param startedAt start
 * @param finishedAt end
 * @param rowsRead input rows read
 * @param rowsWritten rows written to clean/output tables
 * @param rowsRejected rows written to rejected_records
 * @param inputVersions Delta version of each input table read (table name to version)
 * @param configHash SHA-256 of the effective config
 * @param error the error message, or null
 * @param message what the job wants the user to know (e.g. what it skipped and why), or null
 * @param outputVersions Delta version of each table the run wrote, after its last write there: "as
 *     known at the run date" for a table that keeps current state (journey_features, ...)
 */
public record JobResult(
    String runId,
    String job,
    LocalDate runDate,
    String journeys,
    String status,
    int exitCode,
    Instant startedAt,
    Instant finishedAt,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    Map<String, Long> inputVersions,
    String configHash,
    String error,
    String message,
    Map<String, Long> outputVersions) {

  public JobResult {
    inputVersions = Map.copyOf(inputVersions);
    outputVersions = Map.copyOf(outputVersions);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  public long durationMillis() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
