package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cx.common.error.NoInputException;
import io.cx.common.testing.DataFrameAssert;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
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

    Dataset<Row> all = io.read("t", "test").select("journey", "k", "v", "run_date");
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
    NoInputException e =
        assertThrows(NoInputException.class, () -> io.read("survey_answers", "ingest"));
    assertEquals(
        "table survey_answers does not exist at " + dir + "/survey_answers; run `cx ingest` first",
        e.getMessage());
    assertEquals(-1, io.version("survey_answers"));
  }
}
