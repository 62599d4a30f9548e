package io.cx.common.job;

import io.cx.common.error.CxException;

/**
 * What a job's {@code run} reports back to the {@link JobRunner}: its counts, a note for the user,
 * and (for a quality gate that failed after the rejects were written) the failure to report with
 * those counts.
 */
public final class JobOutcome {
  private long rowsRead;
  private long rowsWritten;
  private long rowsRejected;
  private final StringBuilder message = new StringBuilder();
  private CxException failure;

  public JobOutcome read(long rows) {
    rowsRead += rows;
    return this;
  }

  public JobOutcome written(long rows) {
    rowsWritten += rows;
    return this;
  }

  public JobOutcome rejected(long rows) {
    rowsRejected += rows;
    return this;
  }

  /** Adds a sentence to the note shown to the user and kept in run_log. */
  public JobOutcome note(String sentence) {
    if (message.length() > 0) {
      message.append(' ');
    }
    message.append(sentence);
    return this;
  }

  /** Ends the run with this failure, keeping the counts gathered so far. */
  public JobOutcome fail(CxException e) {
    this.failure = e;
    return this;
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long rowsWritten() {
    return rowsWritten;
  }

  public long rowsRejected() {
    return rowsRejected;
  }

  public String message() {
    return message.length() == 0 ? null : message.toString();
  }

  public CxException failure() {
    return failure;
  }
}
