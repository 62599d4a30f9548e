package io.cx.jobs.generate;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root, whether tests run from it or from the jobs module. */
final class ProjectRoot {
  private ProjectRoot() {}

  static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("conf")) ? p : p.getParent();
  }
}
