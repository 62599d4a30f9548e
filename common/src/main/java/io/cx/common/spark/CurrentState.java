package io.cx.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.error.InputRejectedException;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Tables that keep one current row per key (journey_stage_facts, journey_features, churn_labels:
 * one per response, or per response and stage), partitioned by journey. Delta keeps their history:
 * "as known at date D" is a time-travel read of the version the run of D left (run_log's
 * output_versions). Storage grows with the keys, not with the runs.
 *
 * <p>{@link #rebuild} replaces the rows of some journeys (a first run, a full recompute). {@link
 * #update} recomputes some keys: rows whose values did not change are not written at all (their
 * run_date stays the date they last changed), changed and new rows are written by one Delta MERGE,
 * keys that are gone are deleted, and a run that changes nothing makes no commit. Deletion vectors
 * are on, so that a MERGE writes only the rows it changes.
 */
public final class CurrentState {
  /** The partition column of a current-state table. */
  public static final String PARTITION = Cols.JOURNEY;

  private static final String GONE = "_cx_gone";
  private static final String TARGET = "_cx_t_";
  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private CurrentState() {}

  /**
   * What an {@link #update} wrote.
   *
   * @param written rows inserted or changed
   * @param deleted rows deleted (keys recomputed that no longer have a row)
   */
  public record Change(long written, long deleted) {}

  /**
   * The table's layout is usable: absent, or partitioned by journey. A table written by a cx
   * version that kept one snapshot per run date (partitioned by run_date) is rejected (exit 3) with
   * the command that rebuilds it.
   */
  public static void requireLayout(TableIO io, String table, String rebuild) {
    if (!io.exists(table)) {
      return;
    }
    List<String> partitions = partitionColumns(io, table);
    if (!partitions.equals(List.of(PARTITION))) {
      throw new InputRejectedException(
          "table "
              + table
              + " at "
              + io.path(table)
              + " has the layout of an older cx (partitioned by "
              + (partitions.isEmpty() ? "nothing" : String.join(", ", partitions))
              + ", one snapshot per run date); cx now keeps one current row per response,"
              + " partitioned by journey, and reads earlier dates by Delta time travel. Rebuild it"
              + " with: "
              + rebuild);
    }
  }

  /** Whether the table exists with a layout other than the current-state one. */
  public static boolean hasOldLayout(TableIO io, String table) {
    return io.exists(table) && !partitionColumns(io, table).equals(List.of(PARTITION));
  }

  private static List<String> partitionColumns(TableIO io, String table) {
    if (!hasFolder(io, table, Cols.RUN_DATE + "=")) {
      // No run_date folder was ever written: the table is partitioned as fuse writes it, or is
      // not partitioned at all (then Delta's detail says so). Listing one folder costs no job.
      if (hasFolder(io, table, PARTITION + "=")) {
        return List.of(PARTITION);
      }
    }
    Row detail = DeltaTable.forPath(io.spark(), io.path(table)).detail().first();
    return new ArrayList<>(detail.getList(detail.fieldIndex("partitionColumns")));
  }

  private static boolean hasFolder(TableIO io, String table, String prefix) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(io.path(table));
    try {
      org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(io.hadoopConf());
      for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(path)) {
        if (f.isDirectory() && f.getPath().getName().startsWith(prefix)) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot list " + path, e);
    }
  }

  /**
   * Replaces every row of the journeys with {@code rows}. A table of the old layout is replaced as
   * a whole (its partitioning changes), so rows of other journeys are dropped: the caller says so.
   *
   * @return the number of rows written
   */
  public static long rebuild(TableIO io, String table, Dataset<Row> rows, Collection<String> ids) {
    boolean exists = io.exists(table);
    boolean old = exists && hasOldLayout(io, table);
    String marker = "cx write " + UUID.randomUUID();
    long before = io.version(table);
    ConflictRetry.write(
        table,
        () -> {
          DataFrameWriter<Row> w =
              rows.write()
                  .format("delta")
                  .mode("overwrite")
                  .option("userMetadata", marker)
                  .partitionBy(PARTITION);
          if (!exists || old) {
            w = w.option("overwriteSchema", "true").option(DELETION_VECTORS, "true");
          } else {
            w = w.option("replaceWhere", TableIO.in(PARTITION, ids)).option("mergeSchema", "true");
          }
          w.save(io.path(table));
          return null;
        });
    DeltaLogFiles.versionOf(io.hadoopConf(), io.path(table), before + 1, marker)
        .ifPresent(v -> io.wrote(table, v));
    return DeltaLogFiles.outputRowsOf(io.hadoopConf(), io.path(table), before + 1, marker)
        .orElseGet(() -> io.lastOperationRows(table));
  }

  /**
   * Recomputed rows of some keys, written where they differ from the table: {@code recomputed}
   * lists the keys (the first {@code matchKeys} of {@code keys}, e.g. journey and response_id) that
   * were recomputed; {@code rows} are their new rows (keyed by all of {@code keys}). A key of the
   * table among the recomputed ones without a new row is deleted. Values are compared null-safely
   * on every column but run_date.
   *
   * @param rows the new rows, with the table's columns
   * @param recomputed the recomputed keys: columns {@code keys[0..matchKeys)}
   * @param keys the row key, e.g. journey, response_id (and stage)
   * @param ids the journeys of the run: the MERGE touches only their partitions
   */
  public static Change update(
      TableIO io,
      String table,
      Dataset<Row> rows,
      Dataset<Row> recomputed,
      List<String> keys,
      int matchKeys,
      Collection<String> ids) {
    // Computed once and kept with a one-leaf plan: the new rows are compared, then merged, and
    // their own plan (a fusion) would be planned again at each step.
    rows = Kept.of(rows);
    List<String> columns = List.of(rows.columns());
    List<String> values =
        columns.stream().filter(c -> !keys.contains(c) && !c.equals(Cols.RUN_DATE)).toList();
    List<String> match = keys.subList(0, matchKeys);
    Dataset<Row> current =
        io.readWritten(table)
            .where(col(PARTITION).isin(ids.toArray()))
            .join(recomputed.select(names(match)), match.toArray(String[]::new), "left_semi")
            .select(names(columns));
    Dataset<Row> target = current;
    for (String c : columns) {
      target = target.withColumnRenamed(c, TARGET + c);
    }
    Column join = null;
    for (String k : keys) {
      Column eq = rows.col(k).equalTo(target.col(TARGET + k));
      join = join == null ? eq : join.and(eq);
    }
    Column same = lit(true);
    for (String v : values) {
      same = same.and(rows.col(v).eqNullSafe(target.col(TARGET + v)));
    }
    Dataset<Row> changed =
        rows.join(target, join, "left_outer")
            .where(target.col(TARGET + keys.get(0)).isNull().or(not(same)))
            .select(columns.stream().map(rows::col).toArray(Column[]::new))
            .withColumn(GONE, lit(false));
    Dataset<Row> gone =
        current
            .join(rows.select(names(keys)), keys.toArray(String[]::new), "left_anti")
            .select(names(columns))
            .withColumn(GONE, lit(true));
    Dataset<Row> source = changed.unionByName(gone).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts =
          source
              .agg(
                  sum(when(col(GONE), 0).otherwise(1)).as("w"),
                  sum(when(col(GONE), 1).otherwise(0)).as("d"))
              .first();
      Change change =
          new Change(
              counts.isNullAt(0) ? 0 : counts.getLong(0),
              counts.isNullAt(1) ? 0 : counts.getLong(1));
      if (change.written() == 0 && change.deleted() == 0) {
        return change;
      }
      merge(io, table, source, columns, keys, ids);
      return change;
    } finally {
      source.unpersist();
    }
  }

  private static void merge(
      TableIO io,
      String table,
      Dataset<Row> source,
      List<String> columns,
      List<String> keys,
      Collection<String> ids) {
    String on =
        keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
            + " AND t."
            + TableIO.in(PARTITION, ids);
    Map<String, String> set = new LinkedHashMap<>();
    for (String c : columns) {
      set.put(c, "s." + c);
    }
    String marker = "cx write " + UUID.randomUUID();
    long before = io.version(table);
    var conf = io.spark().conf();
    ConflictRetry.write(
        table,
        () -> {
          conf.set(USER_METADATA, marker);
          try {
            DeltaTable.forPath(io.spark(), io.path(table))
                .as("t")
                .merge(source.as("s"), on)
                .whenMatched("s." + GONE)
                .delete()
                .whenMatched()
                .updateExpr(set)
                .whenNotMatched("NOT s." + GONE)
                .insertExpr(set)
                .execute();
          } finally {
            conf.unset(USER_METADATA);
          }
          return null;
        });
    DeltaLogFiles.versionOf(io.hadoopConf(), io.path(table), before + 1, marker)
        .ifPresent(v -> io.wrote(table, v));
  }

  private static Column[] names(List<String> names) {
    return names.stream().map(Column::new).toArray(Column[]::new);
  }
}
