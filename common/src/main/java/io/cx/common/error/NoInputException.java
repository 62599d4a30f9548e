package io.cx.common.error;

/** Nothing to do: no input for the date. Exit code 4. */
public final class NoInputException extends CxException {
  private static final long serialVersionUID = 1L;

  public NoInputException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.NO_INPUT;
  }

  @Override
  public String status() {
    return "no_input";
  }
}
