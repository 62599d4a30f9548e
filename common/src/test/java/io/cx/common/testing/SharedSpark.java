package io.cx.common.testing;

import io.cx.common.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, UI off, bound
 * to 127.0.0.1, Delta enabled. Test classes share it; nobody stops it.
 *
 * <p>Expressions are interpreted, not compiled ({@code spark.sql.codegen.factoryMode} NO_CODEGEN,
 * whole-stage code generation off): on the few rows of a test, compiling the generated Java of
 * every new plan (Janino, about a fifth of a test's time) costs more than it saves, and Spark
 * checks that both paths compute the same. Users run with code generation on, and so do the tests
 * that start a {@code cx} process ({@code CxProcess}), whose tables must equal those built here.
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
                  "spark.sql.adaptive.enabled", "true",
                  "spark.sql.codegen.wholeStage", "false",
                  "spark.sql.codegen.factoryMode", "NO_CODEGEN"));
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
