package io.cx.common.error;

/** Exit codes of the data contract, section 4, and how an exception maps to them. */
public final class ExitCodes {
  public static final int SUCCEEDED = 0;
  public static final int RETRYABLE = 1;
  public static final int BAD_CONFIG = 2;
  public static final int INPUT_REJECTED = 3;
  public static final int NO_INPUT = 4;

  /** The {@code run_log.status} of a run that succeeded (exit code 0). */
  public static final String STATUS_SUCCEEDED = "succeeded";

  /** The {@code run_log.status} of a run that failed for a reason worth retrying (exit code 1). */
  public static final String STATUS_FAILED = "failed";

  private ExitCodes() {}

  /**
   * The exit code for a failure: a {@link CxException} says its own; anything else is retryable.
   */
  public static int of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CxException cx) {
        return cx.exitCode();
      }
    }
    return RETRYABLE;
  }

  /** The {@code run_log.status} for a failure. */
  public static String statusOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CxException cx) {
        return cx.status();
      }
    }
    return STATUS_FAILED;
  }
}
