package io.cx.jobs.churn.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A reproducible aggregation: one partial result per partition, collected in partition order and
 * merged on the driver in that order. Spark's own reduce merges partials as tasks finish, so sums
 * of doubles can differ in their last digits from run to run; merging in partition order gives the
 * same bits every time the input has the same partitions (the job makes sure of that by
 * hash-partitioning and sorting its modelling rows).
 */
public final class PartitionFold {
  /** What one partition contributes. */
  @FunctionalInterface
  public interface Partial<T> extends Serializable {
    T of(Iterator<Row> rows) throws Exception;
  }

  private PartitionFold() {}

  /** The partials of every partition, in partition order. */
  static <T> List<T> partials(Dataset<Row> rows, Partial<T> partial) {
    return rows.javaRDD().mapPartitions(it -> List.of(partial.of(it)).iterator()).collect();
  }

  /** The partials merged left to right in partition order. */
  public static <T> T fold(Dataset<Row> rows, Partial<T> partial, BinaryOperator<T> merge) {
    List<T> parts = partials(rows, partial);
    if (parts.isEmpty()) {
      try {
        return partial.of(java.util.Collections.emptyIterator());
      } catch (Exception e) {
        throw new IllegalStateException("Cannot aggregate an empty dataset: " + e, e);
      }
    }
    T acc = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      acc = merge.apply(acc, parts.get(i));
    }
    return acc;
  }

  /** Adds {@code b} into {@code a} element by element and returns {@code a}. */
  public static double[] addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
