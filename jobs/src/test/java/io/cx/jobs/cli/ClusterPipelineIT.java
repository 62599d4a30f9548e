package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.contract.Tables;
import io.cx.common.spark.SparkSessions;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.SparkEventLog;
import io.cx.jobs.testing.SparkSubmitRun;
import io.cx.jobs.testing.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline submitted as users submit it: the cluster jar ({@code
 * target/cx-jobs-*-cluster.jar}) with {@code spark-submit} in client mode to a Spark standalone
 * cluster of a Master and two Workers (JVMs of their own, on the cluster's jars only: Spark,
 * Hadoop, hadoop-aws), one executor each. One Worker is killed, with its executor, when fuse
 * starts: the run still ends with exit 0, its tables equal those of the local run of {@link
 * SampleWarehouse} (same inputs), and the event log shows that both executors ran tasks and that
 * one was lost.
 */
class ClusterPipelineIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPipelineIT.class);

  @TempDir static Path dir;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster =
        new StandaloneCluster(
            dir.resolve("cluster"), Path.of(System.getProperty("cx.spark.classpath")), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thePipelineOnTwoExecutorsWritesTheTablesOfALocalRunAndOutlivesALostWorker()
      throws IOException {
    SampleWarehouse local = SampleWarehouse.get();
    Path warehouse = dir.resolve("warehouse");
    Path events = Files.createDirectories(dir.resolve("events"));
    assertEquals(2, cluster.aliveWorkers(), cluster.logs());

    SparkSubmitRun.Ended run =
        new SparkSubmitRun(cluster)
            // The Delta settings of README's spark-submit line (cx also sets them itself).
            .conf("spark.sql.extensions", SparkSessions.DELTA_EXTENSION)
            .conf("spark.sql.catalog.spark_catalog", SparkSessions.DELTA_CATALOG)
            .conf("spark.executor.cores", "1")
            .conf("spark.executor.memory", "1g")
            .conf("spark.cores.max", "2")
            .conf("spark.driver.host", "127.0.0.1")
            .conf("spark.driver.bindAddress", "127.0.0.1")
            .conf("spark.ui.enabled", "false")
            // Tiny data: a few tasks per stage instead of Spark's 200 (as in README's line).
            .conf("spark.sql.shuffle.partitions", "4")
            .conf("spark.databricks.delta.snapshotPartitions", "2")
            // Interpreted expressions, as in the tests' local session: on tiny data, compiling
            // generated code in the driver and in both executors would cost most of the run.
            .conf("spark.sql.codegen.wholeStage", "false")
            .conf("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .conf("spark.eventLog.enabled", "true")
            .conf("spark.eventLog.dir", events.toUri().toString())
            .when("cx fuse for " + SampleWarehouse.DATE + " started", () -> cluster.killWorker(1))
            .run(
                dir.resolve("driver.log"),
                Path.of(System.getProperty("cx.cluster.jar")),
                "io.cx.jobs.cli.Cx",
                "run",
                "--config",
                local.data().config().toString(),
                "--date",
                SampleWarehouse.DATE.toString(),
                "--set",
                "warehouse=" + warehouse,
                "--set",
                "kpis.recompute=full");
    LOG.info("cx run on the cluster took {} ms", run.millis());
    assertEquals(0, run.exitCode(), run.log() + "\n" + cluster.logs());

    SparkEventLog log = new SparkEventLog(events);
    Map<String, Long> tasks = log.successfulTasksPerExecutor();
    LOG.info("tasks per executor: {}, failed: {}", tasks, log.failedTasksPerReason());
    assertTrue(
        tasks.getOrDefault("0", 0L) > 0 && tasks.getOrDefault("1", 0L) > 0,
        "both executors must run tasks: " + tasks);
    assertEquals(1, log.removedExecutors().size(), "one executor lost: " + log.removedExecutors());
    JsonNode app = finishedApp(log.appId());
    assertEquals("FINISHED", app.path("state").asText(), app.toString());

    Map<String, String> expected = new TreeMap<>();
    Map<String, String> got = new TreeMap<>();
    for (String table : Tables.ALL) {
      Path ref = local.warehouse().resolve(table);
      if (table.equals(Tables.RUN_LOG) || !Files.exists(ref)) {
        continue;
      }
      expected.put(table, PipelineOutputChecksumsTest.checksum(SharedSpark.get(), ref));
      got.put(
          table, PipelineOutputChecksumsTest.checksum(SharedSpark.get(), warehouse.resolve(table)));
    }
    assertEquals(Tables.ALL.size() - 1, expected.size(), "tables of the local run: " + expected);
    assertEquals(expected, got, differences(local.warehouse(), warehouse, expected, got));
  }

  /**
   * Up to five rows only in the local table and five only in the cluster's, per table that differs.
   */
  static String differences(
      Path localWarehouse, Path warehouse, Map<String, String> expected, Map<String, String> got) {
    StringBuilder b = new StringBuilder();
    for (String table : expected.keySet()) {
      if (expected.get(table).equals(got.get(table))) {
        continue;
      }
      List<String> a =
          PipelineOutputChecksumsTest.lines(
              SharedSpark.get(), localWarehouse.resolve(table).toString());
      List<String> c =
          PipelineOutputChecksumsTest.lines(SharedSpark.get(), warehouse.resolve(table).toString());
      b.append(table).append(": only local ").append(only(a, c)).append("\n");
      b.append(table).append(": only here ").append(only(c, a)).append("\n");
    }
    return b.toString();
  }

  private static List<String> only(List<String> a, List<String> b) {
    Set<String> other = new HashSet<>(b);
    return a.stream().filter(x -> !other.contains(x)).limit(5).toList();
  }

  /** The application in the Master's list of completed applications. */
  private static JsonNode finishedApp(String appId) {
    JsonNode status = cluster.masterStatus();
    for (JsonNode app : status.path("completedapps")) {
      if (appId.equals(app.path("id").asText())) {
        return app;
      }
    }
    throw new AssertionError(
        appId + " is not among the Master's completed applications: " + status);
  }
}
