package io.cx.common.testing;

import io.cx.common.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, UI off, bound
 * to 127.0.0.1, Delta enabled. Test classes share it; nobody stops it.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSessions.getOrCreate(
              Map.of(
                  "spark.master", "local[2]",
                  "spark.sql.shuffle.partitions", "2",
                  "spark.default.parallelism", "2",
                  "spark.ui.enabled", "false",
                  "spark.databricks.delta.snapshotPartitions", "1",
                  "spark.sql.adaptive.enabled", "true"));
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
