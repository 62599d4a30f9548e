package io.cx.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Golden values that a script beside them (numpy, scikit-learn) wrote as JSON into the test
 * resources, and the comparison the statistical tests make against them: relative, with an absolute
 * floor of {@value #ABSOLUTE_FLOOR} for values near 0.
 */
public final class GoldenJson {
  public static final double ABSOLUTE_FLOOR = 1e-12;

  private static final Map<String, JsonNode> LOADED = new ConcurrentHashMap<>();

  private GoldenJson() {}

  /** The parsed file at a class-path resource such as {@code /churn/churn_golden.json}. */
  public static JsonNode load(String resource) {
    return LOADED.computeIfAbsent(resource, GoldenJson::read);
  }

  private static JsonNode read(String resource) {
    try (InputStream in = GoldenJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The named cases under {@code key} of a golden file, in the file's order. */
  public static Map<String, JsonNode> cases(String resource, String key) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    load(resource).get(key).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** A JSON array of numbers; null stands for NaN. */
  public static double[] vector(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).isNull() ? Double.NaN : node.get(i).asDouble();
    }
    return v;
  }

  /** A JSON array of arrays of numbers. */
  public static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(node.get(i));
    }
    return m;
  }

  public static void assertClose(double expected, double actual, double relative, String what) {
    double tolerance = Math.max(relative * Math.abs(expected), ABSOLUTE_FLOOR);
    assertTrue(
        Math.abs(expected - actual) <= tolerance,
        () -> what + ": expected " + expected + " but was " + actual);
  }

  public static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
    }
  }

  public static void assertClose(
      double[][] expected, double[][] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
    }
  }
}
