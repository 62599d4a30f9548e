package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.testing.GoldenJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class PairwiseMomentsTest {

  @Test
  void weightedPairwiseStatisticsMatchNumpy() {
    JsonNode expected = Golden.root().get("weighted");
    assertGolden(expected, Golden.moments(true));
  }

  @Test
  void unweightedPairwiseStatisticsMatchNumpy() {
    JsonNode expected = Golden.root().get("unweighted");
    assertGolden(expected, Golden.moments(false));
  }

  private static void assertGolden(JsonNode expected, PairwiseMoments m) {
    double[][] count = GoldenJson.matrix(expected.get("count"));
    double[][] weightSum = GoldenJson.matrix(expected.get("weight_sum"));
    int p = m.size();
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        assertEquals((long) count[i][j], m.count(i, j), "count " + i + "," + j);
        assertClose(weightSum[i][j], m.weightSum(i, j), "weight sum " + i + "," + j);
      }
      assertClose(GoldenJson.vector(expected.get("mean"))[i], m.mean(i), "mean " + i);
    }
    assertClose(GoldenJson.matrix(expected.get("covariance")), m.covarianceMatrix(), "covariance");
    assertClose(
        GoldenJson.matrix(expected.get("correlation")), m.correlationMatrix(), "correlation");
  }

  @Test
  void mergingPartitionsEqualsOnePass() {
    double[][] rows = GoldenJson.matrix(Golden.root().get("rows"));
    double[] weight = GoldenJson.vector(Golden.root().get("weight"));
    PairwiseMoments whole = Golden.moments(true);
    // Three "partitions" of interleaved rows, merged in a different order than filled.
    PairwiseMoments[] parts = new PairwiseMoments[3];
    for (int k = 0; k < 3; k++) {
      parts[k] = new PairwiseMoments(rows[0].length);
    }
    for (int r = 0; r < rows.length; r++) {
      parts[(r * 7) % 3].add(rows[r], weight[r]);
    }
    PairwiseMoments merged = new PairwiseMoments(rows[0].length).merge(parts[2]);
    merged.merge(parts[0]).merge(parts[1]);
    assertClose(whole.covarianceMatrix(), merged.covarianceMatrix(), "merged covariance");
    assertClose(whole.correlationMatrix(), merged.correlationMatrix(), "merged correlation");
    for (int i = 0; i < whole.size(); i++) {
      assertClose(whole.mean(i), merged.mean(i), "merged mean " + i);
      assertEquals(whole.count(i, 0), merged.count(i, 0));
    }
  }

  @Test
  void largeOffsetsDoNotCancel() {
    // Seconds since epoch with a spread of a few seconds: raw sums of squares would lose every
    // digit of the variance; the shifted sums keep it, also across a merge.
    PairwiseMoments a = new PairwiseMoments(2);
    PairwiseMoments b = new PairwiseMoments(2);
    double base = 1.7e9;
    double[][] rows = {{base + 1, 2}, {base + 2, 4}, {base + 3, 6.5}, {base + 4, 8}};
    a.add(rows[0]);
    a.add(rows[1]);
    b.add(rows[2]);
    b.add(rows[3]);
    double[][] cov = a.merge(b).covarianceMatrix();
    assertClose(5.0 / 3.0, cov[0][0], "variance of 1..4");
    // Σ(x - 2.5)(y - 5.125) = 10.25, over n - 1 = 3.
    assertClose(10.25 / 3.0, cov[0][1], "covariance");
    assertClose(base + 2.5, a.mean(0), "mean");
  }

  @Test
  void missingValuesOnlyDropTheirPairs() {
    PairwiseMoments m = new PairwiseMoments(3);
    m.add(new double[] {1, 2, Double.NaN});
    m.add(new double[] {2, Double.NaN, 5});
    m.add(new double[] {3, 1, 4});
    assertEquals(3, m.count(0, 0));
    assertEquals(2, m.count(0, 1));
    assertEquals(2, m.count(1, 0));
    assertEquals(1, m.count(1, 2));
    assertEquals(2.0, m.mean(0));
    assertEquals(1.5, m.mean(1));
    double[][] r = m.correlationMatrix();
    assertEquals(Double.NaN, r[1][2], "one common row: no correlation");
    assertEquals(-1.0, r[0][1], 1e-15);
    assertEquals(1.0, r[0][0]);
  }

  @Test
  void weightsActAsRepeatedRowsForMeansAndCorrelations() {
    PairwiseMoments weighted = new PairwiseMoments(2);
    PairwiseMoments repeated = new PairwiseMoments(2);
    double[][] rows = {{1, 3}, {2, 1}, {4, 4}, {5, 2}};
    double[] w = {1, 3, 2, 1};
    for (int r = 0; r < rows.length; r++) {
      weighted.add(rows[r], w[r]);
      for (int k = 0; k < w[r]; k++) {
        repeated.add(rows[r]);
      }
    }
    assertClose(repeated.mean(1), weighted.mean(1), "mean");
    assertClose(repeated.correlationMatrix(), weighted.correlationMatrix(), "correlation");
    assertEquals(4, weighted.count(0, 1));
    assertEquals(7.0, weighted.weightSum(0, 1));
  }

  @Test
  void constantAndEmptyVariablesGiveNaN() {
    PairwiseMoments m = new PairwiseMoments(3);
    m.add(new double[] {0.5, 1, Double.NaN});
    m.add(new double[] {0.5, 2, Double.NaN});
    m.add(new double[] {0.5, 4, Double.NaN});
    double[][] r = m.correlationMatrix();
    assertTrue(Double.isNaN(r[0][0]) && Double.isNaN(r[0][1]), "constant variable");
    assertTrue(Double.isNaN(r[2][2]) && Double.isNaN(m.mean(2)), "never present");
    assertEquals(1.0, r[1][1]);
    assertEquals(0.0, m.covarianceMatrix()[0][0]);
  }

  @Test
  void zeroWeightRowsAreSkippedAndBadInputRejected() {
    PairwiseMoments m = new PairwiseMoments(2);
    m.add(new double[] {1, 2}, 0.0);
    assertEquals(0, m.count(0, 1));
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1, 2}, -1));
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1, 2}, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> m.add(new double[] {Double.POSITIVE_INFINITY, 1}, 1));
    assertThrows(IllegalArgumentException.class, () -> m.merge(new PairwiseMoments(3)));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    PairwiseMoments m = Golden.moments(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    PairwiseMoments copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (PairwiseMoments) in.readObject();
    }
    copy.add(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
    m.add(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
    assertClose(m.correlationMatrix(), copy.correlationMatrix(), "after round trip");
  }
}
