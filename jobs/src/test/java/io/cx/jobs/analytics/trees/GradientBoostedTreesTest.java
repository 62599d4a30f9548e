package io.cx.jobs.analytics.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.shap.TreeShap;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fits small enough to check by hand, and the properties every fit must have. */
class GradientBoostedTreesTest {
  private static final double[][] FOUR_ROWS = {{1}, {2}, {3}, {4}};

  private static GradientBoostedTrees.Params stump(double stepSize, double lambda) {
    return new GradientBoostedTrees.Params(1, 1, stepSize, 1.0, 1, 32, lambda);
  }

  @Test
  void oneRegressionSplitByHand() {
    // y = 1, 1, 3, 5: F0 = 2.5, g = F0 - y = 1.5, 1.5, -0.5, -2.5, h = 1, G = 0.
    // Gains G_L^2/H_L + G_R^2/H_R: x <= 1.5: 2.25 + 0.75 = 3; x <= 2.5: 4.5 + 4.5 = 9;
    // x <= 3.5: 6.25/3 + 6.25 = 8.33. Best x <= 2.5 (midpoint of 2 and 3); leaves -G/H =
    // -3/2 and 3/2; margins 2.5 -/+ 1.5; covers 2 and 2; expected value 2.5.
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            FOUR_ROWS, new double[] {1, 1, 3, 5}, null, null, Loss.SQUARED_ERROR, stump(1, 0), 1);
    assertEquals(2, e.numTrees());
    assertEquals(2.5, e.value(e.root(0)));
    assertEquals(4.0, e.cover(e.root(0)));
    int root = e.root(1);
    assertEquals(0, e.feature(root));
    assertEquals(2.5, e.threshold(root));
    assertEquals(-1.5, e.value(e.left(root)));
    assertEquals(1.5, e.value(e.right(root)));
    assertEquals(2.0, e.cover(e.left(root)));
    assertEquals(2.0, e.cover(e.right(root)));
    assertArrayEquals(new double[] {1, 1, 4, 4}, predict(e, FOUR_ROWS));
    assertEquals(2.5, e.expectedValue());
  }

  @Test
  void oneLogisticSplitWithL2ByHand() {
    // y = 0, 0, 1, 1: base rate 1/2, F0 = 0, p = 1/2, g = p - y = 1/2, 1/2, -1/2, -1/2,
    // h = p(1 - p) = 1/4. Best split x <= 2.5 (G_L = 1, H_L = 1/2); lambda = 1: leaves
    // -G/(H + 1) = -1/1.5 = -2/3 and 2/3; step 1/2: margins -1/3 and 1/3.
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            FOUR_ROWS, new double[] {0, 0, 1, 1}, null, null, Loss.LOGISTIC, stump(0.5, 1), 1);
    assertEquals(0.0, e.value(e.root(0)));
    assertEquals(2.5, e.threshold(e.root(1)));
    assertEquals(0.5, e.treeWeight(1));
    assertEquals(-2.0 / 3, e.value(e.left(e.root(1))), 1e-15);
    assertArrayEquals(new double[] {-1.0 / 3, -1.0 / 3, 1.0 / 3, 1.0 / 3}, predict(e, FOUR_ROWS));
  }

  @Test
  void weightsEnterTheBaseScoreLeavesAndCover() {
    // Squared error, w = 1, 1, 1, 3, y = 0, 0, 0, 6: F0 = 18/6 = 3. Split x <= 3.5; left leaf
    // mean residual -3, right +3; covers 3 and 3.
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            FOUR_ROWS,
            new double[] {0, 0, 0, 6},
            new double[] {1, 1, 1, 3},
            null,
            Loss.SQUARED_ERROR,
            stump(1, 0),
            1);
    assertEquals(3.0, e.value(e.root(0)));
    assertEquals(6.0, e.cover(e.root(0)));
    assertEquals(3.5, e.threshold(e.root(1)));
    assertEquals(3.0, e.cover(e.left(e.root(1))));
    assertArrayEquals(new double[] {0, 0, 0, 6}, predict(e, FOUR_ROWS));
  }

  @Test
  void categoricalSplitTakesTheBestPrefixOfLevelsOrderedByGradientRatio() {
    // Level means 5, 1, 4.5 (level 3 of 4 never occurs); F0 = 21/6 = 3.5; G per level -3, 5, -2,
    // H = 2 each; G/H = -1.5, 2.5, -1 orders the levels 0, 2, 1. Prefix {0}: 9/2 + 9/4 = 6.75;
    // prefix {0, 2}: 25/4 + 25/2 = 18.75 -> left = {0, 2}, leaves 5/4 and -5/2, margins 4.75, 1.
    double[][] x = {{0}, {0}, {1}, {1}, {2}, {2}};
    double[] y = {5, 5, 1, 1, 4.5, 4.5};
    TreeEnsemble e =
        GradientBoostedTrees.fit(x, y, null, new int[] {4}, Loss.SQUARED_ERROR, stump(1, 0), 1);
    assertTrue(e.isCategorical(e.root(1)));
    assertArrayEquals(new double[] {4.75, 4.75, 1, 1, 4.75, 4.75}, predict(e, x));
    assertEquals(1.0, e.predict(new double[] {3}), "an unseen level goes right");
  }

  @Test
  void nanGoesRightAndCanBeSplitOff() {
    double[][] x = {{1}, {2}, {Double.NaN}, {Double.NaN}};
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            x, new double[] {0, 0, 4, 4}, null, null, Loss.SQUARED_ERROR, stump(1, 0), 1);
    assertEquals(2.0, e.threshold(e.root(1)), "the largest value: everything but NaN left");
    assertArrayEquals(new double[] {0, 0, 4, 4}, predict(e, x));
  }

  @Test
  void sameSeedSameEnsembleAndSubsampleDrawsRoundedShareOfRows() {
    TrainingSet data = randomData(500, 11, false);
    GradientBoostedTrees.Params p = new GradientBoostedTrees.Params(10, 4, 0.2, 0.7, 5, 16, 0.5);
    TreeEnsemble a = GradientBoostedTrees.fit(data, Loss.LOGISTIC, p, 42);
    assertEquals(a, GradientBoostedTrees.fit(data, Loss.LOGISTIC, p, 42));
    assertNotEquals(a, GradientBoostedTrees.fit(data, Loss.LOGISTIC, p, 43));
    assertEquals(500.0, a.cover(a.root(0)));
    for (int t = 1; t < a.numTrees(); t++) {
      assertEquals(350.0, a.cover(a.root(t)), "tree " + t + " sees round(0.7 * 500) rows");
    }
  }

  @Test
  void everyChildHasMinInstancesAndDepthIsBounded() {
    TrainingSet data = randomData(300, 5, false);
    GradientBoostedTrees.Params p = new GradientBoostedTrees.Params(8, 3, 0.3, 0.9, 25, 32, 0);
    TreeEnsemble e = GradientBoostedTrees.fit(data, Loss.SQUARED_ERROR, p, 9);
    assertTrue(e.maxDepth() <= 3);
    int splits = 0;
    for (int node = 0; node < e.numNodes(); node++) {
      if (e.isLeaf(node)) {
        assertTrue(e.cover(node) >= 25, "leaf " + node + " has " + e.cover(node) + " rows");
      } else {
        splits++;
        assertEquals(e.cover(node), e.cover(e.left(node)) + e.cover(e.right(node)), 1e-9);
      }
    }
    assertTrue(splits > 0);
  }

  @Test
  void constantFeatureIsNeverSplitAndShapValuesAddUp() {
    TrainingSet data = randomData(400, 3, true);
    GradientBoostedTrees.Params p = new GradientBoostedTrees.Params(20, 4, 0.2, 0.8, 3, 32, 0.1);
    TreeEnsemble e = GradientBoostedTrees.fit(data, Loss.LOGISTIC, p, 1);
    boolean categorical = false;
    for (int node = 0; node < e.numNodes(); node++) {
      if (!e.isLeaf(node)) {
        assertNotEquals(3, e.feature(node), "the constant feature");
        categorical |= e.isCategorical(node);
      }
    }
    assertTrue(categorical, "the categorical feature should split somewhere");
    TreeShap shap = new TreeShap(e);
    for (int i = 0; i < 50; i++) {
      double[] x = row(data, i);
      double sum = 0;
      for (double v : shap.values(x)) {
        sum += v;
      }
      assertEquals(e.predict(x) - e.expectedValue(), sum, 1e-10, "row " + i);
      assertEquals(0.0, shap.values(x)[3], "no SHAP value for the constant feature");
    }
  }

  @Test
  void saturatedLogisticFitStaysFinite() {
    // Separable rows: each round moves the margins by about 1, so p rounds to 0 or 1 after ~40
    // rounds; the hessian floor keeps the leaves finite (0) instead of 0/0.
    TreeEnsemble e =
        GradientBoostedTrees.fit(
            FOUR_ROWS,
            new double[] {0, 0, 1, 1},
            null,
            null,
            Loss.LOGISTIC,
            new GradientBoostedTrees.Params(200, 1, 1, 1, 1, 32, 0),
            1);
    double[] margins = predict(e, FOUR_ROWS);
    assertTrue(margins[0] < -30 && margins[3] > 30, Arrays.toString(margins));
  }

  /** x0, x1 continuous (x1 with NaN), x2 categorical with 5 levels, x3 constant; y 0/1. */
  private static TrainingSet randomData(int n, long seed, boolean weighted) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] cols = new double[4][n];
    double[] y = new double[n];
    double[] w = new double[n];
    double[] effect = {0, 1.5, -1, 0.5, 2};
    for (int i = 0; i < n; i++) {
      cols[0][i] = r.nextDouble();
      cols[1][i] = r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian();
      cols[2][i] = r.nextInt(5);
      cols[3][i] = 1.0;
      double logit = 2 * cols[0][i] + effect[(int) cols[2][i]] - 1.5 + 0.3 * r.nextGaussian();
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      w[i] = weighted ? 0.5 + r.nextDouble() : 1;
    }
    return TrainingSet.ofColumns(cols, y, w, new int[] {0, 0, 5, 0});
  }

  private static double[] row(TrainingSet data, int i) {
    double[] x = new double[data.features()];
    for (int f = 0; f < x.length; f++) {
      x[f] = data.value(i, f);
    }
    return x;
  }

  private static double[] predict(TreeEnsemble e, double[][] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = e.predict(x[i]);
    }
    return out;
  }
}
