package io.cx.common.spark;

import org.apache.spark.sql.SparkSession;

/**
 * How many partitions a data set of a known size gets where adaptive query execution cannot choose
 * (MLlib estimators, RDD folds, explicit {@code repartition}): every iteration of an MLlib fit runs
 * one task per partition, so a few thousand rows in {@code spark.sql.shuffle.partitions} (200)
 * partitions cost 200 tasks per tree level for nothing.
 *
 * <p>The rule: one partition per {@value #ROWS_PER_PARTITION} rows, but as many as the cores allow
 * while each partition keeps at least {@value #MIN_ROWS_PER_PARTITION} rows, so that a mid-sized
 * fit still uses every core and a small one runs in one task.
 */
public final class Partitions {
  public static final long ROWS_PER_PARTITION = 100_000L;
  public static final long MIN_ROWS_PER_PARTITION = 10_000L;

  private Partitions() {}

  /** Partitions for {@code rows} rows on {@code parallelism} cores (at least 1). */
  public static int forRows(long rows, int parallelism) {
    long bySize = ceilDiv(rows, ROWS_PER_PARTITION);
    long byCores = Math.min(Math.max(1, parallelism), ceilDiv(rows, MIN_ROWS_PER_PARTITION));
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.max(bySize, byCores)));
  }

  /** Partitions for {@code rows} rows on this session's cores. */
  public static int forRows(SparkSession spark, long rows) {
    return forRows(rows, spark.sparkContext().defaultParallelism());
  }

  /** {@code a / b} rounded up, 0 for {@code a <= 0}. */
  static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
