package io.cx.common.config;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one file, so that all of them are reported at once. */
public final class Problems {
  private final String file;
  private final List<ConfigProblem> list;

  public Problems(String file) {
    this(file, new ArrayList<>());
  }

  private Problems(String file, List<ConfigProblem> shared) {
    this.file = file;
    this.list = shared;
  }

  /** A sink for another file that adds to the same list. */
  public Problems forFile(String otherFile) {
    return new Problems(otherFile, list);
  }

  public String file() {
    return file;
  }

  public void add(String key, String message) {
    list.add(new ConfigProblem(file, key, message));
  }

  public void check(boolean ok, String key, String message) {
    if (!ok) {
      add(key, message);
    }
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<ConfigProblem> all() {
    return List.copyOf(list);
  }

  /** Throws a {@link BadConfigException} naming every problem, if there is any. */
  public void throwIfAny() {
    if (!list.isEmpty()) {
      throw new BadConfigException(list);
    }
  }
}
