package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDefaultsTest {
  private final SparkSession spark = SharedSpark.get();

  @Test
  void theUsersSettingsWin() {
    // The shared test session sets both keys itself.
    assertEquals("2", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
    assertEquals("1", spark.conf().get(SessionDefaults.SNAPSHOT_PARTITIONS));
  }

  @Test
  void aLocalSessionGetsPartitionsForItsCores() {
    String shuffle = spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS);
    String snapshot = spark.conf().get(SessionDefaults.SNAPSHOT_PARTITIONS);
    try {
      SessionDefaults.apply(spark, Map.of());
      // local[2]: two cores.
      assertEquals("4", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
      assertEquals("2", spark.conf().get(SessionDefaults.SNAPSHOT_PARTITIONS));
      assertEquals("true", spark.conf().get(SessionDefaults.SIZED_BY_CX));
      spark.conf().set(SessionDefaults.SHUFFLE_PARTITIONS, "7");
      SessionDefaults.apply(spark, Map.of(SessionDefaults.SHUFFLE_PARTITIONS, "7"));
      assertEquals("7", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
    } finally {
      spark.conf().unset(SessionDefaults.SIZED_BY_CX);
      spark.conf().set(SessionDefaults.SHUFFLE_PARTITIONS, shuffle);
      spark.conf().set(SessionDefaults.SNAPSHOT_PARTITIONS, snapshot);
    }
  }

  @Test
  void aJobReadingLargeInputsGetsAShufflePartitionPer128MiB() {
    String shuffle = spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS);
    try {
      SessionDefaults.sizeShuffles(spark, 10L << 30);
      assertEquals(shuffle, spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS), "the user's");
      spark.conf().set(SessionDefaults.SIZED_BY_CX, "true");
      SessionDefaults.sizeShuffles(spark, 10L << 30);
      assertEquals("80", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
      SessionDefaults.sizeShuffles(spark, 1000);
      assertEquals("4", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
      SessionDefaults.sizeShuffles(spark, -1);
      assertEquals("4", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS), "size unknown");
    } finally {
      spark.conf().unset(SessionDefaults.SIZED_BY_CX);
      spark.conf().set(SessionDefaults.SHUFFLE_PARTITIONS, shuffle);
    }
  }

  @Test
  void aSessionThatWasRunningKeepsItsSettings() {
    SparkSessions.getOrCreate(Map.of("spark.master", "local[2]"));
    assertEquals("2", spark.conf().get(SessionDefaults.SHUFFLE_PARTITIONS));
    assertEquals("false", spark.conf().get(SessionDefaults.SIZED_BY_CX, "false"));
  }

  @Test
  void theSizeOfAFileSourceIsTheSizeOfItsFiles(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "a,b\n1,2\n3,4\n");
    Dataset<Row> df = spark.read().option("header", "true").csv(csv.toString());
    assertEquals(Files.size(csv), SessionDefaults.sizeInBytes(df));
  }

  @Test
  void aKeySetInSparksOwnConfigurationCountsAsTheUsers() {
    String key = "spark.cx.test.sessionDefaults";
    assertFalse(SessionDefaults.userSet(key, Map.of()));
    assertTrue(SessionDefaults.userSet(key, Map.of(key, "x")));
    System.setProperty(key, "x");
    try {
      assertTrue(SessionDefaults.userSet(key, Map.of()));
    } finally {
      System.clearProperty(key);
    }
  }
}
