package io.cx.common.error;

/** The input failed a data-quality gate (too many rejected rows). Exit code 3. */
public final class InputRejectedException extends CxException {
  private static final long serialVersionUID = 1L;

  public InputRejectedException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.INPUT_REJECTED;
  }

  @Override
  public String status() {
    return "rejected_input";
  }
}
