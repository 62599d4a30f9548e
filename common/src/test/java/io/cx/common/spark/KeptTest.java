package io.cx.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

class KeptTest {
  private static final SparkSession SPARK = SharedSpark.get();

  private static Dataset<Row> evens() {
    return SPARK.range(0, 10).where(col("id").mod(2).equalTo(0)).toDF();
  }

  @Test
  void keepsTheRowsBehindAOneLeafPlan() {
    Dataset<Row> kept = Kept.of(evens());
    LogicalPlan plan = kept.queryExecution().analyzed();
    assertEquals(0, plan.children().size(), plan.toString());
    assertEquals(List.of(0L, 2L, 4L, 6L, 8L), ids(kept.sort("id")));
    assertEquals(evens().schema(), kept.schema());
  }

  /**
   * A cluster that loses the executor holding a kept block (simulated by removing every persisted
   * block) computes it again from the lineage; a local checkpoint, the previous way, fails then.
   */
  @Test
  void survivesTheLossOfItsBlocks() {
    Dataset<Row> kept = Kept.of(evens());
    Dataset<Row> checkpointed = evens().localCheckpoint(true);
    for (Integer id :
        JavaSparkContext.fromSparkContext(SPARK.sparkContext()).getPersistentRDDs().keySet()) {
      SparkEnv.get().blockManager().master().removeRdd(id, true);
    }
    assertEquals(List.of(0L, 2L, 4L, 6L, 8L), ids(kept.sort("id")));
    Exception lost = assertThrows(Exception.class, checkpointed::collectAsList);
    assertTrue(String.valueOf(lost.getMessage()).contains("Checkpoint block"), lost.getMessage());
  }

  private static List<Long> ids(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(r -> r.getLong(0)).toList();
  }
}
