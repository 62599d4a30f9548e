package io.cx.common.error;

/**
 * Another run holds the lock of a job, journey and date this run needs, or took it over from this
 * run: nothing was written by this run for it. Worth retrying once that run has ended, so exit code
 * 1.
 */
public final class RunLockedException extends CxException {
  private static final long serialVersionUID = 1L;

  public RunLockedException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.RETRYABLE;
  }

  @Override
  public String status() {
    return ExitCodes.STATUS_FAILED;
  }
}
