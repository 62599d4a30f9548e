package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.testing.GoldenJson;
import org.junit.jupiter.api.Test;

class BootstrapMomentsTest {
  private static final long SEED = 99L;
  private static final int B = 20;

  @Test
  void replicateZeroIsTheSampleAndReplicatesUsePoissonWeights() {
    double[][] rows = GoldenJson.matrix(Golden.root().get("rows"));
    double[] weight = GoldenJson.vector(Golden.root().get("weight"));
    BootstrapMoments boot = fill(rows, weight, 0, rows.length);
    PairwiseMoments sample = Golden.moments(true);
    assertEquals(B, boot.replicateCount());
    assertMatrixEquals(sample.correlationMatrix(), boot.sample().correlationMatrix());
    for (int b : new int[] {1, 7, B}) {
      PairwiseMoments expected = new PairwiseMoments(rows[0].length);
      for (int r = 0; r < rows.length; r++) {
        expected.add(rows[r], weight[r] * PoissonWeights.weight("resp-" + r, b, SEED));
      }
      assertMatrixEquals(expected.covarianceMatrix(), boot.replicate(b).covarianceMatrix());
      assertEquals(expected.count(0, 5), boot.replicate(b).count(0, 5));
    }
  }

  @Test
  void replicatesDifferFromTheSampleAndFromEachOther() {
    double[][] rows = GoldenJson.matrix(Golden.root().get("rows"));
    double[] weight = GoldenJson.vector(Golden.root().get("weight"));
    BootstrapMoments boot = fill(rows, weight, 0, rows.length);
    double r0 = boot.sample().correlationMatrix()[0][5];
    double r1 = boot.replicate(1).correlationMatrix()[0][5];
    double r2 = boot.replicate(2).correlationMatrix()[0][5];
    assertTrue(r0 != r1 && r1 != r2 && r0 != r2);
    // About e^-1 of the rows are left out of a replicate.
    double left = 1 - boot.replicate(1).count(5, 5) / (double) boot.sample().count(5, 5);
    assertEquals(Math.exp(-1), left, 0.07);
  }

  @Test
  void partitionsMergeToTheSinglePass() {
    double[][] rows = GoldenJson.matrix(Golden.root().get("rows"));
    double[] weight = GoldenJson.vector(Golden.root().get("weight"));
    BootstrapMoments whole = fill(rows, weight, 0, rows.length);
    BootstrapMoments merged =
        fill(rows, weight, 300, rows.length).merge(fill(rows, weight, 0, 300));
    for (int b = 0; b <= B; b++) {
      assertClose(
          whole.replicate(b).correlationMatrix(),
          merged.replicate(b).correlationMatrix(),
          "replicate " + b);
    }
  }

  @Test
  void refusesToMergeDifferentDesigns() {
    BootstrapMoments a = new BootstrapMoments(3, 10, 1);
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BootstrapMoments(3, 10, 2)));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BootstrapMoments(3, 11, 1)));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BootstrapMoments(4, 10, 1)));
  }

  private static BootstrapMoments fill(double[][] rows, double[] weight, int from, int to) {
    BootstrapMoments boot = new BootstrapMoments(rows[0].length, B, SEED);
    for (int r = from; r < to; r++) {
      boot.add("resp-" + r, rows[r], weight[r]);
    }
    return boot;
  }

  private static void assertMatrixEquals(double[][] expected, double[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0);
    }
  }
}
