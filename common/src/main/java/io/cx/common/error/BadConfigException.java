package io.cx.common.error;

import java.util.List;

/** The job config or a journey map is wrong; nothing ran. Exit code 2. */
public final class BadConfigException extends CxException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public BadConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public BadConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  @Override
  public int exitCode() {
    return ExitCodes.BAD_CONFIG;
  }

  @Override
  public String status() {
    return ExitCodes.STATUS_FAILED;
  }

  private static String render(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder sb = new StringBuilder(problems.size() + " config problems:");
    for (ConfigProblem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
