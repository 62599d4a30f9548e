package io.cx.common.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows computed once, now, and kept for the reads that follow, behind a plan of one leaf.
 *
 * <p>A job that reads a small intermediate result several times (the responses a night recomputes,
 * their new rows before a MERGE) wants it computed once, and planned as one leaf: a plan that
 * carried its inputs (change-feed reads, a fusion) would be analysed and optimised again inside
 * every plan that uses it. {@code localCheckpoint} does both but keeps the only copy in the
 * executors' block managers and forgets the lineage: when a cluster loses an executor that held a
 * block, every later read fails ("Checkpoint block ... not found"). Here the rows are persisted
 * (memory, then disk) with their lineage, so a lost block is computed again from the inputs, and
 * Spark unpersists them once nothing refers to them.
 */
public final class Kept {
  private Kept() {}

  /** The rows, computed now (errors of their inputs surface here), with a one-leaf plan. */
  public static Dataset<Row> of(Dataset<Row> rows) {
    JavaRDD<Row> kept = rows.toJavaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    kept.count();
    return rows.sparkSession().createDataFrame(kept, rows.schema());
  }
}
