package io.cx.jobs.analytics.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad parameter and bad input is refused with a message naming it. */
class GradientBoostedTreesInputsTest {
  private static final String PREFIX = "Cannot fit gradient-boosted trees: ";

  private static GradientBoostedTrees.Params params(
      int trees, int depth, double step, double subsample, int minInst, int bins, double lambda) {
    return new GradientBoostedTrees.Params(trees, depth, step, subsample, minInst, bins, lambda);
  }

  static Stream<Arguments> badParams() {
    return Stream.of(
        Arguments.of(
            (Executable) () -> params(0, 5, 0.1, 1, 1, 32, 0), "trees must be at least 1, got 0"),
        Arguments.of(
            (Executable) () -> params(1, 0, 0.1, 1, 1, 32, 0),
            "maxDepth must be in [1, 30], got 0"),
        Arguments.of(
            (Executable) () -> params(1, 31, 0.1, 1, 1, 32, 0),
            "maxDepth must be in [1, 30], got 31"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0, 1, 1, 32, 0), "stepSize must be in (0, 1], got 0.0"),
        Arguments.of(
            (Executable) () -> params(1, 5, 1.5, 1, 1, 32, 0),
            "stepSize must be in (0, 1], got 1.5"),
        Arguments.of(
            (Executable) () -> params(1, 5, Double.NaN, 1, 1, 32, 0),
            "stepSize must be in (0, 1], got NaN"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 0, 1, 32, 0),
            "subsample must be in (0, 1], got 0.0"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1.01, 1, 32, 0),
            "subsample must be in (0, 1], got 1.01"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1, 0, 32, 0),
            "minInstancesPerNode must be at least 1, got 0"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1, 1, 1, 0),
            "maxBins must be in [2, 4096], got 1"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1, 1, 4097, 0),
            "maxBins must be in [2, 4096], got 4097"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1, 1, 32, -0.5),
            "lambda must be finite and at least 0, got -0.5"),
        Arguments.of(
            (Executable) () -> params(1, 5, 0.1, 1, 1, 32, Double.POSITIVE_INFINITY),
            "lambda must be finite and at least 0, got Infinity"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badParams")
  void badParameterIsNamed(Executable make, String problem) {
    assertEquals(PREFIX + problem, assertThrows(IllegalArgumentException.class, make).getMessage());
  }

  @Test
  void limitsAndDefaultsAreAccepted() {
    params(1, 1, 1, 1, 1, 2, 0);
    params(1, 30, Double.MIN_VALUE, Double.MIN_VALUE, 1, 4096, 0);
    assertEquals(params(20, 5, 0.1, 1, 1, 32, 0), GradientBoostedTrees.Params.defaults());
  }

  static Stream<Arguments> badData() {
    double[] y = {0, 1};
    return Stream.of(
        Arguments.of(
            (Executable) () -> TrainingSet.ofColumns(new double[0][], y, null, null),
            "Cannot build training set: no features"),
        Arguments.of(
            (Executable)
                () -> TrainingSet.ofColumns(new double[][] {{}}, new double[0], null, null),
            "Cannot build training set: no rows"),
        Arguments.of(
            (Executable) () -> TrainingSet.ofRows(new double[][] {{1}, {2, 3}}, y, null, null),
            "Cannot build training set: row 1 has 2 features, row 0 has 1"),
        Arguments.of(
            (Executable)
                () -> TrainingSet.ofColumns(new double[][] {{1, 2}}, y, new double[] {1}, null),
            "Cannot build training set: 2 labels but 1 weights"),
        Arguments.of(
            (Executable) () -> TrainingSet.ofColumns(new double[][] {{1, 2}}, y, null, new int[2]),
            "Cannot build training set: 1 features but 2 entries in levels"),
        Arguments.of(
            (Executable)
                () ->
                    TrainingSet.ofColumns(
                        new double[][] {{1, 2}}, new double[] {0, Double.NaN}, null, null),
            "Cannot build training set: label of row 1 is NaN"),
        Arguments.of(
            (Executable)
                () -> TrainingSet.ofColumns(new double[][] {{1, 2}}, y, new double[] {1, 0}, null),
            "Cannot build training set: weight of row 1 must be positive and finite, got 0.0"),
        Arguments.of(
            (Executable) () -> TrainingSet.ofColumns(new double[][] {{1, 2, 3}}, y, null, null),
            "Cannot build training set: feature 0 has 3 values for 2 rows"),
        Arguments.of(
            (Executable)
                () ->
                    TrainingSet.ofColumns(
                        new double[][] {{1, Double.NEGATIVE_INFINITY}}, y, null, null),
            "Cannot build training set: feature 0 of row 1 is -Infinity"),
        Arguments.of(
            (Executable)
                () -> TrainingSet.ofColumns(new double[][] {{0, 3}}, y, null, new int[] {3}),
            "Cannot build training set: categorical feature 0 of row 1 is 3.0, not a level in 0 .. 2"),
        Arguments.of(
            (Executable)
                () ->
                    TrainingSet.ofColumns(new double[][] {{0, Double.NaN}}, y, null, new int[] {3}),
            "Cannot build training set: categorical feature 0 of row 1 is NaN, not a level in 0 .. 2"),
        Arguments.of(
            (Executable)
                () -> TrainingSet.ofColumns(new double[][] {{0, 1}}, y, null, new int[] {4097}),
            "Cannot build training set: feature 0 has 4097 levels; expected 0 (continuous) to 4096"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badData")
  void badDataIsNamed(Executable make, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
  }

  @Test
  void logisticLossNeedsBothClassesOfZeroOneLabels() {
    double[][] x = {{1}, {2}};
    GradientBoostedTrees.Params p = GradientBoostedTrees.Params.defaults();
    assertEquals(
        "Cannot fit logistic loss: label of row 1 is 2.0, not 0 or 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    GradientBoostedTrees.fit(
                        x, new double[] {0, 2}, null, null, Loss.LOGISTIC, p, 1))
            .getMessage());
    assertEquals(
        "Cannot fit logistic loss: every label is 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    GradientBoostedTrees.fit(
                        x, new double[] {1, 1}, null, null, Loss.LOGISTIC, p, 1))
            .getMessage());
  }
}
