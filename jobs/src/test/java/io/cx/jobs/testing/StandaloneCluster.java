package io.cx.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1 (stack notes, item 4): a Master and Workers, each a JVM
 * of its own, started from a Spark home whose {@code jars/} folder links the jars a cluster
 * provides (Spark, Hadoop, hadoop-aws: {@code target/spark.classpath}). Each Worker offers one
 * core, so an application gets one executor per Worker.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final Path dir;
  private final String classPath;
  private final JavaProcesses processes = new JavaProcesses();
  private final List<Process> workers = new ArrayList<>();
  private final int masterPort = freePort();
  private final int masterWebUiPort = freePort();
  private final Map<String, String> env;

  /** Starts a Master and {@code workers} Workers, and waits until every Worker has registered. */
  public StandaloneCluster(Path dir, Path sparkClassPathFile, int workers) {
    this.dir = dir;
    Path sparkHome = dir.resolve("spark-home");
    try {
      Files.createDirectories(sparkHome.resolve("jars"));
      for (Path jar : JavaProcesses.jars(JavaProcesses.classPath(sparkClassPathFile))) {
        Files.createSymbolicLink(sparkHome.resolve("jars").resolve(jar.getFileName()), jar);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.classPath = sparkHome.resolve("jars") + "/*";
    // Without SPARK_SCALA_VERSION every executor fails at once ("Cannot find any build
    // directories") and the Master keeps granting new ones: the application hangs.
    this.env =
        Map.of(
            "SPARK_HOME", sparkHome.toString(),
            "SPARK_SCALA_VERSION", "2.12",
            "SPARK_LOCAL_IP", "127.0.0.1");
    try {
      processes.start(
          List.of(
              JavaProcesses.java(),
              "-Xmx256m",
              "-cp",
              classPath,
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(masterPort),
              "--webui-port",
              Integer.toString(masterWebUiPort)),
          env,
          dir.resolve("master.log"));
      for (int i = 0; i < workers; i++) {
        startWorker(i);
      }
      awaitWorkers(workers);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void startWorker(int i) {
    Path work = dir.resolve("worker-" + i);
    workers.add(
        processes.start(
            List.of(
                JavaProcesses.java(),
                "-Xmx256m",
                "-cp",
                classPath,
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(freePort()),
                "--webui-port",
                Integer.toString(freePort()),
                "--cores",
                "1",
                "--memory",
                "1536m",
                "--work-dir",
                work.toString(),
                masterUrl()),
            env,
            dir.resolve("worker-" + i + ".log")));
  }

  private void awaitWorkers(int n) {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (aliveWorkers() < n) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(n + " workers did not register in time:\n" + logs());
      }
      sleep(250);
    }
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The class path of the cluster's own jars ({@code <spark home>/jars/*}). */
  public String classPath() {
    return classPath;
  }

  /** The environment the cluster's processes run with (Spark home, Scala version, local IP). */
  public Map<String, String> env() {
    return env;
  }

  /** The Master's status ({@code /json} of its web UI), or null while it does not answer. */
  public JsonNode masterStatus() {
    URL url;
    try {
      url = URI.create("http://127.0.0.1:" + masterWebUiPort + "/json").toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in = url.openStream()) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      return null;
    }
  }

  /** Workers the Master sees alive. */
  public int aliveWorkers() {
    JsonNode s = masterStatus();
    return s == null ? 0 : s.path("aliveworkers").asInt(0);
  }

  /** Kills Worker {@code i} and the executors it started, as a lost node. */
  public void killWorker(int i) {
    JavaProcesses.killTree(workers.get(i));
  }

  /** The tail of every cluster log, for a failure message. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    b.append("--- master.log\n").append(JavaProcesses.tail(dir.resolve("master.log"), 30));
    for (int i = 0; i < workers.size(); i++) {
      b.append("\n--- worker-").append(i).append(".log\n");
      b.append(JavaProcesses.tail(dir.resolve("worker-" + i + ".log"), 30));
    }
    return b.toString();
  }

  /** Starts a process beside the cluster (the driver), stopped with it. */
  public Process start(List<String> command, Path log) {
    return processes.start(command, env, log);
  }

  /** A TCP port free at the time of the call. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    processes.close();
  }
}
