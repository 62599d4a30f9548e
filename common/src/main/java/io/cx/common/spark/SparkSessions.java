package io.cx.common.spark;

import io.cx.common.config.JobConfig;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way cx gets a SparkSession: Delta's extension and catalog set, the config's {@code
 * spark:} settings applied, and a local master only when not running under spark-submit (which sets
 * {@code spark.master} itself).
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private SparkSessions() {}

  /** Whether this JVM was started by spark-submit (or has a master set some other way). */
  public static boolean underSparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  public static SparkSession getOrCreate(JobConfig config) {
    return getOrCreate(config.spark());
  }

  public static SparkSession getOrCreate(Map<String, String> settings) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("cx")
            .config("spark.sql.extensions", DELTA_EXTENSION)
            .config("spark.sql.catalog.spark_catalog", DELTA_CATALOG)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.sql.debug.maxToStringFields", "500");
    boolean submit = underSparkSubmit();
    if (!submit) {
      b.master(settings.getOrDefault("spark.master", "local[*]"));
      b.config("spark.driver.host", "127.0.0.1");
      b.config("spark.driver.bindAddress", "127.0.0.1");
      b.config("spark.ui.showConsoleProgress", "false");
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equals("spark.master") && submit) {
        LOG.warn("spark.master from the config is ignored: spark-submit already chose the master");
        continue;
      }
      b.config(e.getKey(), e.getValue());
    }
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = b.getOrCreate();
    // cx computes every instant in UTC and converts to a journey's zone explicitly where a local
    // day matters; a session zone set elsewhere would shift parsed timestamps.
    if (!"UTC".equals(spark.conf().get("spark.sql.session.timeZone"))) {
      LOG.warn(
          "spark.sql.session.timeZone is set to UTC for cx jobs; use `timezone` in the config instead");
      spark.conf().set("spark.sql.session.timeZone", "UTC");
    }
    if (!"false".equals(spark.conf().get("spark.sql.ansi.enabled"))) {
      LOG.warn(
          "spark.sql.ansi.enabled is set to false for cx jobs: bad input values are rejected row by row");
      spark.conf().set("spark.sql.ansi.enabled", "false");
    }
    if (!running) {
      SessionDefaults.apply(spark, settings);
    }
    return spark;
  }
}
