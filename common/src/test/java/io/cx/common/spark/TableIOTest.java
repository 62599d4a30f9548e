package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.NoInputException;
import io.cx.common.testing.DataFrameAssert;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableIOTest {
  private final SparkSession spark = SharedSpark.get();
  private static final StructType SCHEMA =
      new StructType()
          .add("journey", DataTypes.StringType)
          .add("k", DataTypes.StringType)
          .add("v", DataTypes.DoubleType);

  private Dataset<Row> rows(Object[]... values) {
    return spark.createDataFrame(
        java.util.Arrays.stream(values).map(RowFactory::create).toList(), SCHEMA);
  }

  @Test
  void replacingADateTwiceKeepsOneCopyAndLeavesOtherDatesAndJourneys(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    LocalDate d1 = LocalDate.of(2024, 5, 1);
    LocalDate d2 = LocalDate.of(2024, 5, 2);
    var a = TableIO.Scope.journeys(d1, List.of("a"));
    assertEquals(
        2, io.replace("t", rows(new Object[] {"a", "x", 1.0}, new Object[] {"a", "y", 2.0}), a));
    io.replace("t", rows(new Object[] {"b", "x", 5.0}), TableIO.Scope.journeys(d1, List.of("b")));
    io.replace("t", rows(new Object[] {"a", "x", 9.0}), TableIO.Scope.journeys(d2, List.of("a")));
    assertEquals(1, io.replace("t", rows(new Object[] {"a", "z", 3.0}), a));

    Dataset<Row> all = io.read("t").select("journey", "k", "v", "run_date");
    Dataset<Row> expected =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", "z", 3.0, java.sql.Date.valueOf(d1)),
                RowFactory.create("b", "x", 5.0, java.sql.Date.valueOf(d1)),
                RowFactory.create("a", "x", 9.0, java.sql.Date.valueOf(d2))),
            SCHEMA.add("run_date", DataTypes.DateType));
    DataFrameAssert.assertSameRows(expected, all);
    assertEquals(3, io.version("t"));
    assertEquals(-1, io.version("none"));
  }

  @Test
  void readingAMissingTableNamesTheJobToRun(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    NoInputException e = assertThrows(NoInputException.class, () -> io.read("survey_answers"));
    assertEquals(
        "table survey_answers does not exist at " + dir + "/survey_answers; run `cx ingest` first",
        e.getMessage());
    assertEquals(
        "table churn_labels does not exist at " + dir + "/churn_labels; run `cx fuse` first",
        assertThrows(NoInputException.class, () -> io.read("churn_labels")).getMessage());
    assertEquals(
        "table scratch does not exist at " + dir + "/scratch",
        assertThrows(NoInputException.class, () -> io.read("scratch")).getMessage());
    assertEquals(-1, io.version("survey_answers"));
    assertTrue(io.readIfExists("survey_answers").isEmpty());
    assertEquals(Map.of(), io.versionsRead());
  }

  @Test
  void aReadIsPinnedToTheVersionItRecordsAndWrittenTablesAreNotInputs(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    LocalDate d1 = LocalDate.of(2024, 5, 1);
    io.replace("a", rows(new Object[] {"a", "x", 1.0}), TableIO.Scope.date(d1));
    io.replace("b", rows(new Object[] {"b", "x", 1.0}), TableIO.Scope.date(d1));
    io.replace("b", rows(new Object[] {"b", "y", 2.0}), TableIO.Scope.date(d1));

    Dataset<Row> b = io.read("b");
    io.read("a");
    // A commit after the read does not change what the job reads, nor the version it reports.
    io.replace("b", rows(new Object[] {"b", "z", 3.0}), TableIO.Scope.date(d1));
    assertEquals(List.of("y"), b.select("k").as(Encoders.STRING()).collectAsList());
    assertEquals(List.of("b", "a"), List.copyOf(io.versionsRead().keySet()));
    assertEquals(Map.of("b", 1L, "a", 0L), io.versionsRead());

    assertEquals(
        List.of("z"), io.readWritten("b").select("k").as(Encoders.STRING()).collectAsList());
    assertEquals(Map.of("b", 1L, "a", 0L), io.versionsRead());
    io.forgetReads();
    assertEquals(Map.of(), io.versionsRead());
    assertEquals(1L, io.readIfExists("b").map(Dataset::count).orElse(-1L));
    assertEquals(Map.of("b", 2L), io.versionsRead());
  }

  @Test
  void replaceWhereWritesATablePartitionedByAnotherColumn(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    assertEquals(
        2,
        io.replaceWhere(
            "k",
            rows(new Object[] {"a", "x", 1.0}, new Object[] {"b", "x", 2.0}),
            "k = 'x'",
            "journey"));
    assertEquals(1, io.replaceWhere("k", rows(new Object[] {"c", "x", 3.0}), "k = 'x'", "journey"));
    assertEquals(
        List.of("c"), io.read("k").select("journey").as(Encoders.STRING()).collectAsList());
  }
}
