package io.cx.jobs.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root (the folder holding conf/, docs/ and notebooks/), from it or a module. */
public final class ProjectRoot {
  private ProjectRoot() {}

  public static Path path() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("conf")) ? p : p.getParent();
  }
}
