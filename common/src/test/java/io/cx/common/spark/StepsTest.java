package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.testing.SharedSpark;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Steps name the Spark jobs that follow them and clear the name when closed. */
class StepsTest {
  private static final String DESCRIPTION = "spark.job.description";

  @Test
  void eachStepNamesTheJobsThatFollowAndClosingClearsTheName() {
    SparkSession spark = SharedSpark.get();
    SparkContext sc = spark.sparkContext();
    try (Steps steps = Steps.of(spark, "fuse")) {
      steps.start("read inputs");
      assertEquals("fuse: read inputs", sc.getLocalProperty(DESCRIPTION));
      spark.range(3).count();
      steps.start("write journey_features");
      assertEquals("fuse: write journey_features", sc.getLocalProperty(DESCRIPTION));
      steps.end();
      // Ending a step keeps the name until the next one or close: Spark jobs are not left unnamed.
      assertEquals("fuse: write journey_features", sc.getLocalProperty(DESCRIPTION));
    }
    assertNull(sc.getLocalProperty(DESCRIPTION));
  }
}
