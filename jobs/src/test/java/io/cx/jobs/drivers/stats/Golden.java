package io.cx.jobs.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The golden values written by {@code src/test/resources/drivers/lmg_golden.py} (numpy, from the
 * raw rows), and the comparison the tests use: 1e-9 relative, 1e-12 absolute for values near 0.
 */
final class Golden {
  static final double RELATIVE = 1e-9;
  static final double ABSOLUTE_FLOOR = 1e-12;

  private static JsonNode root;

  private Golden() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = Golden.class.getResourceAsStream("/drivers/lmg_golden.json")) {
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static double[] vector(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).isNull() ? Double.NaN : node.get(i).asDouble();
    }
    return v;
  }

  static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(node.get(i));
    }
    return m;
  }

  /** The golden survey rows through PairwiseMoments, with or without their weights. */
  static PairwiseMoments moments(boolean weighted) {
    double[][] rows = matrix(root().get("rows"));
    double[] weight = vector(root().get("weight"));
    PairwiseMoments m = new PairwiseMoments(rows[0].length);
    for (int r = 0; r < rows.length; r++) {
      m.add(rows[r], weighted ? weight[r] : 1.0);
    }
    return m;
  }

  static void assertClose(double expected, double actual, String what) {
    double tolerance = Math.max(RELATIVE * Math.abs(expected), ABSOLUTE_FLOOR);
    assertTrue(
        Math.abs(expected - actual) <= tolerance,
        () -> what + ": expected " + expected + " but was " + actual);
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  static void assertClose(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }
}
