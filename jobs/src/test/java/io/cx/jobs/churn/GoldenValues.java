package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values written by {@code src/test/resources/churn/churn_golden.py} (numpy). */
final class GoldenValues {
  private static JsonNode root;

  private GoldenValues() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = GoldenValues.class.getResourceAsStream("/churn/churn_golden.json")) {
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
      v[i] = node.get(i).asDouble();
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

  static void assertClose(double expected, double actual, double relative, String what) {
    double tolerance = Math.max(relative * Math.abs(expected), 1e-12);
    assertTrue(
        Math.abs(expected - actual) <= tolerance,
        () -> what + ": expected " + expected + " but was " + actual);
  }

  static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
    }
  }
}
