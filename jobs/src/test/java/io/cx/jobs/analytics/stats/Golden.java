package io.cx.jobs.analytics.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.testing.GoldenJson;

/**
 * The golden values written by {@code src/test/resources/drivers/lmg_golden.py} (numpy, from the
 * raw rows), and the comparison the tests use: 1e-9 relative, 1e-12 absolute for values near 0.
 */
final class Golden {
  static final double RELATIVE = 1e-9;

  private Golden() {}

  static JsonNode root() {
    return GoldenJson.load("/drivers/lmg_golden.json");
  }

  /** The golden survey rows through PairwiseMoments, with or without their weights. */
  static PairwiseMoments moments(boolean weighted) {
    double[][] rows = GoldenJson.matrix(root().get("rows"));
    double[] weight = GoldenJson.vector(root().get("weight"));
    PairwiseMoments m = new PairwiseMoments(rows[0].length);
    for (int r = 0; r < rows.length; r++) {
      m.add(rows[r], weighted ? weight[r] : 1.0);
    }
    return m;
  }

  static void assertClose(double expected, double actual, String what) {
    GoldenJson.assertClose(expected, actual, RELATIVE, what);
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    GoldenJson.assertClose(expected, actual, RELATIVE, what);
  }

  static void assertClose(double[][] expected, double[][] actual, String what) {
    GoldenJson.assertClose(expected, actual, RELATIVE, what);
  }
}
