package io.cx.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code spark-submit} in client mode as a JVM of its own: {@code
 * org.apache.spark.deploy.SparkSubmit} on the cluster's jars with Spark's module options (the
 * driver needs them; executors get them from Spark), the application jar and its arguments. It can
 * act once when the driver logs a line (to kill a worker in the middle of a job).
 */
public final class SparkSubmitRun {
  private static final long TIMEOUT_SECONDS = 600;

  /** How the driver ended: exit code, its log, how long it ran. */
  public record Ended(int exitCode, String log, long millis) {}

  private final StandaloneCluster cluster;
  private final List<String> conf = new ArrayList<>();
  private String onLine;
  private Runnable action;

  public SparkSubmitRun(StandaloneCluster cluster) {
    this.cluster = cluster;
  }

  /** Adds {@code --conf key=value}. */
  public SparkSubmitRun conf(String key, String value) {
    conf.add("--conf");
    conf.add(key + "=" + value);
    return this;
  }

  /** Runs {@code action} once, as soon as the driver's log holds a line containing {@code text}. */
  public SparkSubmitRun when(String text, Runnable action) {
    this.onLine = text;
    this.action = action;
    return this;
  }

  /** Submits {@code jar} with main class {@code mainClass} and {@code args}; waits for the end. */
  public Ended run(Path log, Path jar, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(JavaProcesses.java());
    command.addAll(JavaProcesses.moduleFlags());
    // spark.driver.memory has no effect on a client-mode driver started by hand: its heap is this.
    command.add("-Xmx1g");
    command.addAll(List.of("-cp", cluster.classPath(), "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(List.of("--master", cluster.masterUrl(), "--deploy-mode", "client"));
    command.addAll(List.of("--class", mainClass));
    command.addAll(conf);
    command.add(jar.toString());
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process p = cluster.start(command, log);
    try {
      boolean acted = action == null;
      long deadline = System.currentTimeMillis() + TIMEOUT_SECONDS * 1000;
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (!acted && Files.readString(log, StandardCharsets.UTF_8).contains(onLine)) {
          action.run();
          acted = true;
        }
        if (System.currentTimeMillis() > deadline) {
          JavaProcesses.killTree(p);
          throw new AssertionError(
              "spark-submit ran over "
                  + TIMEOUT_SECONDS
                  + " s:\n"
                  + JavaProcesses.tail(log, 60)
                  + "\n"
                  + cluster.logs());
        }
      }
      if (!acted) {
        throw new AssertionError(
            "the driver ended before logging '" + onLine + "':\n" + JavaProcesses.tail(log, 60));
      }
      return new Ended(
          p.exitValue(),
          Files.readString(log, StandardCharsets.UTF_8),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw new AssertionError("cannot read the driver's log " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
