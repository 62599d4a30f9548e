package io.cx.jobs.churn.evaluation;

import static io.cx.jobs.testing.GoldenJson.assertClose;
import static io.cx.jobs.testing.GoldenJson.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** BinaryMetrics and Reliability against numpy (churn_golden.py), in memory and through Spark. */
class ChurnMetricsGoldenTest {
  static final double TOLERANCE = 1e-12;

  @Test
  void everyMetricMatchesNumpyOnEveryCase() {
    for (Map.Entry<String, JsonNode> e :
        GoldenJson.cases("/churn/churn_golden.json", "metrics").entrySet()) {
      JsonNode c = e.getValue();
      String name = e.getKey();
      double[] p = vector(c.get("p"));
      double[] y = vector(c.get("y"));
      BinaryMetrics m = BinaryMetrics.of(p, y);
      assertClose(c.get("auc").asDouble(), m.auc(), TOLERANCE, name + " auc");
      assertClose(c.get("pr_auc").asDouble(), m.prAuc(), TOLERANCE, name + " pr_auc");
      assertClose(c.get("log_loss").asDouble(), m.logLoss(), TOLERANCE, name + " log_loss");
      assertClose(c.get("brier").asDouble(), m.brier(), TOLERANCE, name + " brier");
      assertClose(
          c.get("lift_top_decile").asDouble(), m.liftTopDecile(), TOLERANCE, name + " lift");
      Reliability r = Reliability.of(p, y);
      assertClose(c.get("ece").asDouble(), r.ece(), TOLERANCE, name + " ece");
      assertClose(vector(c.get("bin_sum_p")), r.sumP(), TOLERANCE, name + " bin sum p");
      assertClose(vector(c.get("bin_sum_y")), r.sumY(), TOLERANCE, name + " bin sum y");
      double[] count = vector(c.get("bin_count"));
      assertEquals(count.length, r.count().length, name + " bins");
      for (int b = 0; b < count.length; b++) {
        assertEquals((long) count[b], r.count()[b], name + " bin " + b);
      }
    }
  }

  @Test
  void handCheckedSmallCase() {
    // Scores 0.9 (churner), 0.8 (not), 0.8 (churner), 0.1 (not): 3 of 4 pairs ordered right, one
    // tie counts 1/2 -> AUC (1 + 0.5 + 1 + 1) / 4 = 0.875. AP: thresholds 0.9 (R 1/2, P 1),
    // 0.8 (R 1, P 2/3), 0.1 (R 1, P 2/4) -> 1/2 + 1/2 * 2/3 = 5/6. Top decile = 0.4 rows, all
    // inside the 0.9 churner -> rate 1 over base 1/2 -> lift 2.
    BinaryMetrics m =
        BinaryMetrics.of(new double[] {0.9, 0.8, 0.8, 0.1}, new double[] {1, 0, 1, 0});
    assertEquals(0.875, m.auc(), 1e-15);
    assertEquals(5.0 / 6, m.prAuc(), 1e-15);
    assertEquals(2.0, m.liftTopDecile(), 1e-15);
    assertEquals((0.01 + 0.64 + 0.04 + 0.01) / 4, m.brier(), 1e-15);
  }

  @Test
  void rankingMetricsAreUndefinedWithOneClass() {
    BinaryMetrics m = BinaryMetrics.of(new double[] {0.2, 0.4}, new double[] {0, 0});
    assertTrue(Double.isNaN(m.auc()));
    assertTrue(Double.isNaN(m.prAuc()));
    assertTrue(Double.isNaN(m.liftTopDecile()));
    assertEquals(0, m.positives());
  }

  @Test
  void sparkEvaluationEqualsTheInMemoryOneOnScoresOfTheGrid() {
    JsonNode c = GoldenJson.load("/churn/churn_golden.json").get("metrics").get("ties");
    double[] p = vector(c.get("p"));
    double[] y = vector(c.get("y"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      rows.add(RowFactory.create(p[i], y[i]));
    }
    StructType schema =
        new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    Dataset<Row> df = SharedSpark.get().createDataFrame(rows, schema).repartition(3);
    ProbabilityEvaluation e = ProbabilityEvaluation.of(df, "p", "y");
    BinaryMetrics expected = BinaryMetrics.of(p, y);
    assertEquals(expected.auc(), e.metrics().auc(), 1e-15);
    assertEquals(expected.prAuc(), e.metrics().prAuc(), 1e-15);
    assertEquals(expected.liftTopDecile(), e.metrics().liftTopDecile(), 1e-15);
    assertEquals(expected.logLoss(), e.metrics().logLoss(), 1e-12);
    assertEquals(expected.brier(), e.metrics().brier(), 1e-12);
    assertEquals(Reliability.of(p, y).ece(), e.reliability().ece(), 1e-12);
    assertArrayEquals(Reliability.of(p, y).count(), e.reliability().count());
  }
}
