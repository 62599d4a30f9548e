package io.cx.common.error;

/**
 * One problem in a config or journey-map file: where it is and how to fix it.
 *
 * @param file the file as the user named it
 * @param key dotted path of the key, e.g. {@code stages[1].metrics[0].agg}
 * @param message what is wrong and the fix
 */
public record ConfigProblem(String file, String key, String message) {
  @Override
  public String toString() {
    return file + ": " + key + ": " + message;
  }
}
