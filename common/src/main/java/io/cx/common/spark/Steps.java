package io.cx.common.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a job, in one place: each step names the Spark jobs it runs (the description shown
 * in the Spark UI and kept in the event log, e.g. "fuse: write journey_features") and is logged
 * with the time it took when the next one starts or the steps are closed. Closing clears the
 * description, so the jobs of whatever runs next are not mislabelled.
 *
 * <p>Not thread-safe: the description is a property of the calling thread, as in Spark.
 */
public final class Steps implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);
  private final SparkContext sc;
  private final String prefix;
  private String current;
  private long started;

  private Steps(SparkContext sc, String prefix) {
    this.sc = sc;
    this.prefix = prefix;
  }

  /** Steps whose descriptions start with {@code name + ": "}, e.g. the job's name. */
  public static Steps of(SparkSession spark, String name) {
    return new Steps(spark.sparkContext(), name + ": ");
  }

  /** Starts a step: ends the current one, and names the Spark jobs that follow. */
  public void start(String step) {
    end();
    current = step;
    started = System.nanoTime();
    sc.setJobDescription(prefix + step);
  }

  /** Ends the current step, if any, logging how long it took. */
  public void end() {
    if (current != null) {
      LOG.info("{}{} took {} ms", prefix, current, (System.nanoTime() - started) / 1_000_000);
      current = null;
    }
  }

  /** Ends the current step and clears the description. */
  @Override
  public void close() {
    end();
    sc.setJobDescription(null);
  }
}
