package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Tables;
import io.cx.common.error.InputRejectedException;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A current-state table: rebuilt per journey, updated by writing only the rows whose values changed
 * (nulls compared as values), deleting recomputed keys without a row, and committing nothing when
 * nothing changed.
 */
class CurrentStateTest {
  private final SparkSession spark = SharedSpark.get();
  private static final String T = Tables.JOURNEY_FEATURES;
  private static final List<String> KEYS = List.of("journey", "response_id");

  /** Rows "journey,response_id,value,run_date" (value may be "null"). */
  private Dataset<Row> rows(String date, String... rows) {
    List<Row> out =
        java.util.Arrays.stream(rows)
            .map(r -> r.split(","))
            .map(
                f ->
                    org.apache.spark.sql.RowFactory.create(
                        f[0], f[1], f[2].equals("null") ? null : Double.valueOf(f[2])))
            .toList();
    return spark
        .createDataFrame(
            out,
            new org.apache.spark.sql.types.StructType()
                .add("journey", "string")
                .add("response_id", "string")
                .add("value", "double"))
        .withColumn("run_date", functions.lit(java.sql.Date.valueOf(date)));
  }

  private Dataset<Row> keys(String journey, String... ids) {
    return spark
        .createDataFrame(
            java.util.Arrays.stream(ids)
                .map(i -> org.apache.spark.sql.RowFactory.create(journey, i))
                .toList(),
            new org.apache.spark.sql.types.StructType()
                .add("journey", "string")
                .add("response_id", "string"))
        .toDF();
  }

  private static List<String> table(TableIO io) {
    return io.readWritten(T)
        .orderBy("journey", "response_id")
        .selectExpr(
            "concat_ws(' ', journey, response_id, coalesce(CAST(value AS STRING), 'null'),"
                + " CAST(run_date AS STRING))")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void anUpdateWritesOnlyWhatChangedAndNothingWhenNothingDid(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    assertEquals(
        3,
        CurrentState.rebuild(
            io, T, rows("2024-06-01", "a,r1,1.0", "a,r2,null", "b,r1,5.0"), List.of("a", "b")));
    assertFalse(CurrentState.hasOldLayout(io, T));
    long v = io.version(T);

    // r1 unchanged, r2 null -> 2.0, r3 new, r4 recomputed but never written, b untouched.
    CurrentState.Change c =
        CurrentState.update(
            io,
            T,
            rows("2024-06-02", "a,r1,1.0", "a,r2,2.0", "a,r3,3.0"),
            keys("a", "r1", "r2", "r3", "r4"),
            KEYS,
            2,
            List.of("a"));
    assertEquals(new CurrentState.Change(2, 0), c);
    assertEquals(v + 1, io.version(T));
    assertEquals(v + 1, io.versionsWritten().get(T));
    assertEquals(
        List.of(
            "a r1 1.0 2024-06-01",
            "a r2 2.0 2024-06-02",
            "a r3 3.0 2024-06-02",
            "b r1 5.0 2024-06-01"),
        table(io));

    // r2 back to null is a change; r3 recomputed without a row is deleted.
    c =
        CurrentState.update(
            io, T, rows("2024-06-03", "a,r2,null"), keys("a", "r2", "r3"), KEYS, 2, List.of("a"));
    assertEquals(new CurrentState.Change(1, 1), c);
    assertEquals(
        List.of("a r1 1.0 2024-06-01", "a r2 null 2024-06-03", "b r1 5.0 2024-06-01"), table(io));

    // The same rows again: no commit.
    long before = io.version(T);
    c =
        CurrentState.update(
            io, T, rows("2024-06-04", "a,r2,null"), keys("a", "r2"), KEYS, 2, List.of("a"));
    assertEquals(new CurrentState.Change(0, 0), c);
    assertEquals(before, io.version(T));
  }

  @Test
  void aTablePartitionedByRunDateIsRefusedWithTheRebuildCommand(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    rows("2024-06-01", "a,r1,1.0").write().format("delta").partitionBy("run_date").save(io.path(T));
    assertTrue(CurrentState.hasOldLayout(io, T));
    InputRejectedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputRejectedException.class, () -> CurrentState.requireLayout(io, T, "cx fuse ..."));
    assertEquals(
        "table journey_features at "
            + io.path(T)
            + " has the layout of an older cx (partitioned by run_date, one snapshot per run date);"
            + " cx now keeps one current row per response, partitioned by journey, and reads"
            + " earlier dates by Delta time travel. Rebuild it with: cx fuse ...",
        e.getMessage());
    CurrentState.rebuild(io, T, rows("2024-06-02", "a,r1,2.0"), List.of("a"));
    assertFalse(CurrentState.hasOldLayout(io, T));
    assertEquals(List.of("a r1 2.0 2024-06-02"), table(io));
  }
}
