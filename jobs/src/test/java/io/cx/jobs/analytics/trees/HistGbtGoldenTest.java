package io.cx.jobs.analytics.trees;

import static io.cx.jobs.testing.GoldenJson.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fit against an independent numpy implementation of the same algorithm ({@code
 * trees/hist_gbt_golden.py}): margins on a grid of rows and the expected value to 1e-9 relative,
 * and the shape of every boosted tree (leaves, root feature) exactly.
 */
class HistGbtGoldenTest {
  private static final double TOLERANCE = 1e-9;

  static Stream<JsonNode> cases() {
    List<JsonNode> cases = new ArrayList<>();
    GoldenJson.load("/trees/hist_gbt_golden.json").get("cases").forEach(cases::add);
    return cases.stream();
  }

  private static TreeEnsemble fit(JsonNode c) {
    JsonNode p = c.get("params");
    GradientBoostedTrees.Params params =
        new GradientBoostedTrees.Params(
            p.get("trees").asInt(),
            p.get("maxDepth").asInt(),
            p.get("stepSize").asDouble(),
            p.get("subsample").asDouble(),
            p.get("minInstancesPerNode").asInt(),
            p.get("maxBins").asInt(),
            p.get("lambda").asDouble());
    int[] levels = new int[c.get("levels").size()];
    for (int f = 0; f < levels.length; f++) {
      levels[f] = c.get("levels").get(f).asInt();
    }
    double[] w = c.get("w").isNull() ? null : GoldenJson.vector(c.get("w"));
    return GradientBoostedTrees.fit(
        GoldenJson.matrix(c.get("x")),
        GoldenJson.vector(c.get("y")),
        w,
        levels,
        Loss.valueOf(c.get("loss").asText()),
        params,
        7L);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void marginsMatchNumpy(JsonNode c) {
    String name = c.get("name").asText();
    TreeEnsemble e = fit(c);
    double[][] grid = GoldenJson.matrix(c.get("grid"));
    double[] margins = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      margins[i] = e.predict(grid[i]);
    }
    assertClose(GoldenJson.vector(c.get("margins")), margins, TOLERANCE, name + " margins");
    assertClose(
        c.get("expected_value").asDouble(), e.expectedValue(), TOLERANCE, name + " expected");
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void treesHaveTheShapeNumpyGrew(JsonNode c) {
    String name = c.get("name").asText();
    TreeEnsemble e = fit(c);
    int boosted = c.get("leaves").size();
    assertEquals(boosted + 1, e.numTrees(), name + ": the base-score tree and the boosted trees");
    assertEquals(1, leaves(e, e.root(0)), name + ": the base-score tree is one leaf");
    for (int t = 0; t < boosted; t++) {
      int root = e.root(t + 1);
      assertEquals(c.get("leaves").get(t).asInt(), leaves(e, root), name + " leaves of tree " + t);
      int rootFeature = e.isLeaf(root) ? -1 : e.feature(root);
      assertEquals(c.get("root_features").get(t).asInt(), rootFeature, name + " root of tree " + t);
    }
  }

  private static int leaves(TreeEnsemble e, int node) {
    return e.isLeaf(node) ? 1 : leaves(e, e.left(node)) + leaves(e, e.right(node));
  }
}
