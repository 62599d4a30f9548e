package io.cx.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JVMs a test starts (a Spark master, workers, a driver, S3Proxy), each logging to a file, all
 * stopped with their child processes by {@link #close}, which a shutdown hook also calls: a failed
 * or killed test leaves none behind.
 */
public final class JavaProcesses implements AutoCloseable {
  private final List<Process> started = new ArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "stop-test-processes");

  public JavaProcesses() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The java command of this JVM. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** This JVM's {@code --add-opens}/{@code --add-exports} flags (Spark's module options). */
  public static List<String> moduleFlags() {
    List<String> flags = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
        flags.add(a);
      }
    }
    return flags;
  }

  /** The entries of a class path file ({@code build-classpath} output), as one class path. */
  public static String classPath(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars of a class path, one per entry. */
  public static List<Path> jars(String classPath) {
    return List.of(classPath.split(File.pathSeparator)).stream().map(Path::of).toList();
  }

  /**
   * Starts {@code command} with {@code env} added, its output (both streams) going to {@code log}.
   */
  public synchronized Process start(List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.redirectOutput(log.toFile());
    b.environment().putAll(env);
    try {
      Process p = b.start();
      started.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills a process and every process it started ({@code kill -9}), and waits for them to end. */
  public static void killTree(Process p) {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    tree.add(p.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // gone or not: nothing more can be done here than kill -9
      }
    }
  }

  /** The last {@code n} lines of a log, for a failure message. */
  public static String tail(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ": " + e.getMessage() + ")";
    }
  }

  private synchronized void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      killTree(started.get(i));
    }
    started.clear();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }
}
