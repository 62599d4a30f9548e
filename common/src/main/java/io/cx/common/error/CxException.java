package io.cx.common.error;

/**
 * Base of the errors a user can act on. Each carries the process exit code of the data contract
 * (section 4) and the {@code run_log} status it stands for.
 */
public abstract class CxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CxException(String message) {
    super(message);
  }

  protected CxException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Exit code for schedulers. */
  public abstract int exitCode();

  /** Value of {@code run_log.status}. */
  public abstract String status();
}
