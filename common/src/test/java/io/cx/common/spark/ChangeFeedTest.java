package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * survey_answers keeps change data from its creation (or from cx's first write to an older table),
 * and a read of the change feed says why Delta cannot serve a range instead of failing.
 */
class ChangeFeedTest {
  private final SparkSession spark = SharedSpark.get();
  private static final String T = Tables.SURVEY_ANSWERS;
  private static final String LISTING_PARALLELISM =
      "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private Dataset<Row> rows(String journey, int n) {
    return spark.range(n).selectExpr("'" + journey + "' AS journey", "id");
  }

  private static void write(TableIO io, Dataset<Row> rows, int day) {
    io.replace(T, rows, TableIO.Scope.journeys(LocalDate.of(2024, 5, day), List.of("a")));
  }

  private static List<String> changes(TableIO io, long after, long to) {
    ChangeFeed.Read<List<String>> r =
        ChangeFeed.read(
            io,
            T,
            after,
            to,
            c ->
                c.selectExpr(
                        "concat_ws(' ', _commit_version, _change_type, CAST(run_date AS STRING),"
                            + " CAST(id AS STRING)) AS value")
                    .orderBy("value")
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList());
    assertTrue(r.available(), r.unavailable());
    return r.value();
  }

  @Test
  void aTableCreatedThroughTableIoKeepsItsChanges(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    write(io, rows("a", 2), 1);
    assertTrue(ChangeFeed.enabled(io, T));
    write(io, rows("a", 1), 2);
    write(io, rows("a", 1), 1);
    assertEquals(
        List.of(
            "1 insert 2024-05-02 0",
            "2 delete 2024-05-01 0",
            "2 delete 2024-05-01 1",
            "2 insert 2024-05-01 0"),
        changes(io, 0, 2));
    assertEquals(
        "no versions to read after 2 up to 2 of survey_answers",
        assertThrows(IllegalArgumentException.class, () -> ChangeFeed.read(io, T, 2, 2, c -> 0))
            .getMessage());
  }

  @Test
  void versionsWrittenWithoutTheFeedAreUnavailableUntilCxTurnsItOn(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    rows("a", 2)
        .selectExpr("*", "DATE'2024-05-01' AS run_date")
        .write()
        .format("delta")
        .partitionBy("run_date")
        .save(io.path(T));
    rows("a", 1)
        .selectExpr("*", "DATE'2024-05-02' AS run_date")
        .write()
        .format("delta")
        .mode("append")
        .save(io.path(T));
    assertFalse(ChangeFeed.enabled(io, T));
    ChangeFeed.Read<Long> r = ChangeFeed.read(io, T, 0, 1, Dataset::count);
    assertFalse(r.available());
    assertNull(r.value());
    assertEquals(
        "change data of survey_answers was not recorded for version 1"
            + " (delta.enableChangeDataFeed was off then)",
        r.unavailable());
    // cx's next write turns the feed on (version 2) before writing (version 3).
    write(io, rows("a", 1), 3);
    assertTrue(ChangeFeed.enabled(io, T));
    assertEquals(3, io.version(T));
    assertEquals(List.of("3 insert 2024-05-03 0"), changes(io, 1, 3));
  }

  @Test
  void versionsRemovedByLogCleanUpOrVacuumAreUnavailable(@TempDir Path dir) throws IOException {
    TableIO io = new TableIO(spark, dir.toString());
    for (int day = 1; day <= 11; day++) {
      write(io, rows("a", 1), day);
    }
    // Version 10 has a checkpoint; drop the commit files before it, as log clean-up does.
    for (int v = 0; v < 10; v++) {
      Files.delete(dir.resolve(T).resolve("_delta_log").resolve(String.format("%020d.json", v)));
    }
    ChangeFeed.Read<Long> lost = ChangeFeed.read(io, T, 2, 10, Dataset::count);
    assertEquals(
        "versions 3 to 9 of survey_answers are no longer in its Delta log (log clean-up after"
            + " delta.logRetentionDuration)",
        lost.unavailable());

    write(io, rows("a", 2), 1);
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    // VACUUM lists files in as many tasks as this says, 10 000 by default: 50 s on two cores.
    spark.conf().set(LISTING_PARALLELISM, "2");
    try {
      spark.sql("VACUUM delta.`" + io.path(T) + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
      spark.conf().unset(LISTING_PARALLELISM);
    }
    ChangeFeed.Read<Long> vacuumed = ChangeFeed.read(io, T, 10, 11, Dataset::count);
    assertEquals(
        "files of versions 11 to 11 of survey_answers were removed (VACUUM)",
        vacuumed.unavailable());
  }
}
