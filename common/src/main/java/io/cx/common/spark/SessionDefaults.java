package io.cx.common.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * Spark settings that make cx fast for a user who tunes nothing. Each applies only when the user
 * did not set the key (in the job config's {@code spark:} section, or in Spark's own configuration
 * such as {@code spark-submit --conf}): a user's setting always wins.
 *
 * <p>In local mode ({@code local[N]}), where the cores are known when the session starts:
 *
 * <ul>
 *   <li>{@code spark.sql.shuffle.partitions} is twice the cores instead of 200. Adaptive query
 *       execution coalesces small shuffles, but not inside the plans cx persists (Spark 3.5 keeps a
 *       cached plan's output partitioning), nor a window or join feeding a persisted frame: there,
 *       200 partitions meant 200 tasks of a few rows each per stage, most of a small run's time.
 *   <li>Jobs that read large inputs (ingest, fuse) raise it to one partition per 128 MiB of input
 *       ({@link #sizeShuffles}), so that scaling the data scales the tasks, not their size.
 *   <li>{@code spark.databricks.delta.snapshotPartitions} is the number of cores instead of 50:
 *       Delta rebuilds a table's state from its log in that many tasks each time a job opens a
 *       table version, and cx's tables have a few files per run date.
 * </ul>
 *
 * <p>On a cluster, executors may still be registering when the session starts, so the cores are not
 * known yet: Spark's defaults stay, with adaptive query execution sizing shuffles to the data.
 * MLlib and RDD code gets none of this either way: it sizes its input with {@link Partitions}.
 */
public final class SessionDefaults {
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  /** Set to true on a session whose shuffle partitions cx chose (so a job may resize them). */
  static final String SIZED_BY_CX = "spark.cx.shufflePartitionsSizedByCx";

  static final int PARTITIONS_PER_CORE = 2;
  static final int MAX_SNAPSHOT_PARTITIONS = 50;
  static final long BYTES_PER_PARTITION_MB = 128;
  static final long BYTES_PER_PARTITION = BYTES_PER_PARTITION_MB << 20;
  static final long MAX_SHUFFLE = 2000;

  private SessionDefaults() {}

  /**
   * Whether the user chose the key: in the job config, or in Spark's own configuration (e.g. {@code
   * spark-submit --conf}, which reaches the JVM as a system property).
   */
  static boolean userSet(String key, Map<String, String> settings) {
    return settings.containsKey(key) || System.getProperty(key) != null;
  }

  /**
   * Raises a local session's shuffle partitions for a job about to read {@code inputBytes} bytes:
   * one partition per {@value #BYTES_PER_PARTITION_MB} MiB of input, never fewer than twice the
   * cores, so a sort or window over gigabytes of events does not run in a few huge tasks. Nothing
   * changes unless cx chose the session's shuffle partitions when it started it (a local session
   * whose user did not set them).
   */
  public static void sizeShuffles(SparkSession spark, long inputBytes) {
    if (!"true".equals(spark.conf().get(SIZED_BY_CX, "false")) || inputBytes < 0) {
      return;
    }
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    long bySize = Partitions.ceilDiv(inputBytes, BYTES_PER_PARTITION);
    long partitions = Math.max(PARTITIONS_PER_CORE * cores, Math.min(MAX_SHUFFLE, bySize));
    spark.conf().set(SHUFFLE_PARTITIONS, partitions);
  }

  /**
   * The bytes Spark's planner expects a frame to read (file sizes for file and Delta sources, no
   * job run), or -1 when it does not know.
   */
  public static long sizeInBytes(Dataset<?> df) {
    scala.math.BigInt b = df.queryExecution().optimizedPlan().stats().sizeInBytes();
    long unknown = df.sparkSession().sessionState().conf().defaultSizeInBytes();
    return b.isValidLong() && b.longValue() < unknown ? b.longValue() : -1;
  }

  /**
   * Applies the defaults the user did not override to a session cx has just started (never to one
   * that was running already: its owner chose its settings).
   */
  static void apply(SparkSession spark, Map<String, String> settings) {
    if (!spark.sparkContext().isLocal()) {
      return;
    }
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    if (!userSet(SHUFFLE_PARTITIONS, settings)) {
      spark.conf().set(SHUFFLE_PARTITIONS, PARTITIONS_PER_CORE * cores);
      spark.conf().set(SIZED_BY_CX, "true");
    }
    if (!userSet(SNAPSHOT_PARTITIONS, settings)) {
      spark.conf().set(SNAPSHOT_PARTITIONS, Math.min(MAX_SNAPSHOT_PARTITIONS, cores));
    }
  }
}
