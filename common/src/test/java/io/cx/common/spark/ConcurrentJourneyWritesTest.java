package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.DataFrameAssert;
import io.cx.common.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs writing different journeys of the same date into one table at the same time both land:
 * Delta's conflict check sees only the run_date partition, so the second commit conflicts, and
 * TableIO writes it again on top of the first.
 */
class ConcurrentJourneyWritesTest {
  private static final LocalDate D = LocalDate.of(2024, 6, 30);
  private static final StructType SCHEMA =
      new StructType().add("journey", DataTypes.StringType).add("v", DataTypes.IntegerType);

  /** Set when journey a's write is computing its rows, inside its Delta transaction. */
  static final CountDownLatch A_WRITING = new CountDownLatch(1);

  /** Lets journey a's write go on. */
  static final CountDownLatch A_GO_ON = new CountDownLatch(1);

  private final SparkSession spark = SharedSpark.get();

  private Dataset<Row> rows(String journey, int... values) {
    return spark
        .createDataFrame(
            Arrays.stream(values).mapToObj(v -> RowFactory.create(journey, v)).toList(), SCHEMA)
        .coalesce(1);
  }

  private Dataset<Row> expected(Object[]... rows) {
    return spark.createDataFrame(
        Arrays.stream(rows).map(RowFactory::create).toList(),
        SCHEMA.add("run_date", DataTypes.DateType));
  }

  private static java.sql.Date d() {
    return java.sql.Date.valueOf(D);
  }

  @Test
  void aJourneyCommittedWhileAnotherIsWritingDoesNotFailEither(@TempDir Path dir) throws Exception {
    TableIO io = new TableIO(spark, dir.toString());
    io.replace("t", rows("a", 1), TableIO.Scope.journeys(D, List.of("a")));
    io.replace("t", rows("b", 2), TableIO.Scope.journeys(D, List.of("b")));
    // Journey a's rows wait inside its write (its transaction has read version 1) until journey
    // b has committed version 2: a's commit then meets b's, for certain.
    spark
        .udf()
        .register(
            "cx_test_hold",
            (Integer v) -> {
              A_WRITING.countDown();
              A_GO_ON.await(120, TimeUnit.SECONDS);
              return v;
            },
            DataTypes.IntegerType);
    Dataset<Row> held =
        rows("a", 10, 11).withColumn("v", functions.callUDF("cx_test_hold", functions.col("v")));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> a =
          pool.submit(
              () ->
                  new TableIO(spark, dir.toString())
                      .replace("t", held, TableIO.Scope.journeys(D, List.of("a"))));
      assertTrue(A_WRITING.await(120, TimeUnit.SECONDS), "journey a's write never started");
      long b = io.replace("t", rows("b", 20), TableIO.Scope.journeys(D, List.of("b")));
      A_GO_ON.countDown();
      assertEquals(2, a.get(120, TimeUnit.SECONDS));
      assertEquals(1, b);
    } finally {
      A_GO_ON.countDown();
      pool.shutdownNow();
    }
    DataFrameAssert.assertSameRows(
        expected(
            new Object[] {"a", 10, d()}, new Object[] {"a", 11, d()}, new Object[] {"b", 20, d()}),
        io.readWritten("t").select("journey", "v", "run_date"));
    // versions 0, 1: the set-up; 2: journey b; 3: journey a, written again after the conflict.
    assertEquals(3, io.version("t"));
  }

  @Test
  void twoThreadsWritingTwoJourneysAtOnceBothSucceed(@TempDir Path dir) throws Exception {
    TableIO setUp = new TableIO(spark, dir.toString());
    setUp.replace("t", rows("a", 1), TableIO.Scope.journeys(D, List.of("a")));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Long>> writes =
          List.of("a", "b").stream()
              .map(
                  j ->
                      pool.submit(
                          () -> {
                            TableIO io = new TableIO(spark, dir.toString());
                            Dataset<Row> mine = rows(j, 100, 200);
                            start.await(60, TimeUnit.SECONDS);
                            return io.replace("t", mine, TableIO.Scope.journeys(D, List.of(j)));
                          }))
              .toList();
      for (Future<Long> w : writes) {
        assertEquals(2, w.get(180, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    DataFrameAssert.assertSameRows(
        expected(
            new Object[] {"a", 100, d()},
            new Object[] {"a", 200, d()},
            new Object[] {"b", 100, d()},
            new Object[] {"b", 200, d()}),
        setUp.readWritten("t").select("journey", "v", "run_date"));
  }

  @Test
  void aWriteCountsTheRowsOfItsOwnCommitNotOfALaterOne(@TempDir Path dir) {
    TableIO io = new TableIO(spark, dir.toString());
    io.replace("t", rows("a", 1, 2, 3), TableIO.Scope.journeys(D, List.of("a")));
    rows("b", 4)
        .withColumn("run_date", functions.lit(d()))
        .write()
        .format("delta")
        .mode("append")
        .option("userMetadata", "another writer")
        .save(io.path("t"));
    var conf = spark.sessionState().newHadoopConf();
    assertEquals(
        OptionalLong.of(1), DeltaLogFiles.outputRowsOf(conf, io.path("t"), 0, "another writer"));
    assertEquals(OptionalLong.empty(), DeltaLogFiles.outputRowsOf(conf, io.path("t"), 0, "none"));
    assertEquals(1, io.lastOperationRows("t"));
  }
}
