package io.cx.jobs.analytics.shap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.junit.jupiter.api.Test;

/** TreeSHAP against brute-force Shapley values, against values worked by hand, on MLlib models. */
class TreeShapTest {
  private static final double TOL = 1e-9;
  private static final int CATEGORIES = 4;

  @Test
  void equalsBruteForceOnRandomTrees() {
    RandomTrees gen = new RandomTrees(42);
    int repeatedPaths = 0;
    int unusedFeatures = 0;
    for (int k = 0; k < 400; k++) {
      TreeEnsemble e = gen.next();
      repeatedPaths += hasRepeatedFeatureOnAPath(e) ? 1 : 0;
      TreeShap shap = new TreeShap(e);
      double[] out = new double[e.numFeatures()];
      for (int r = 0; r < 5; r++) {
        double[] x = gen.row();
        double[] expected = BruteForceShapley.values(e, x);
        shap.values(x, out); // reused instance and buffer
        assertArrayEquals(expected, out, TOL, "ensemble " + k + ", row " + r);
        assertArrayEquals(expected, TreeShap.values(e, x), TOL, "static entry point");
        for (int f = 0; f < e.numFeatures(); f++) {
          if (!splitsOn(e, f)) {
            assertEquals(0.0, out[f], "unused feature " + f + " of ensemble " + k);
            unusedFeatures++;
          }
        }
      }
    }
    assertTrue(repeatedPaths > 100, "generator should repeat features on paths: " + repeatedPaths);
    assertTrue(unusedFeatures > 100, "generator should leave features unused: " + unusedFeatures);
  }

  @Test
  void valuesAddUpToThePredictionOnRandomTrees() {
    RandomTrees gen = new RandomTrees(7);
    for (int k = 0; k < 400; k++) {
      TreeEnsemble e = gen.next();
      TreeShap shap = new TreeShap(e);
      assertEquals(
          BruteForceShapley.conditionalExpectation(e, new double[e.numFeatures()], 0),
          shap.expectedValue(),
          TOL,
          "expected value is v(empty set)");
      for (int r = 0; r < 5; r++) {
        double[] x = gen.row();
        assertEquals(e.predict(x), shap.expectedValue() + sum(shap.values(x)), TOL);
      }
    }
  }

  @Test
  void oneSplitByHand() {
    // x0 <= 0.5: value 1 (30 rows), else value 3 (10 rows). E = (30 + 30) / 40 = 1.5.
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(2);
    b.addTree(b.split(0, 0.5, b.leaf(1, 30), b.leaf(3, 10)), 1);
    TreeShap shap = new TreeShap(b.build());
    assertEquals(1.5, shap.expectedValue(), 1e-15);
    assertArrayEquals(new double[] {1.5, 0}, shap.values(new double[] {0.7, 9}), 1e-15);
    assertArrayEquals(new double[] {-0.5, 0}, shap.values(new double[] {0.2, 9}), 1e-15);
  }

  @Test
  void interactionByHand() {
    // f = 1 only when x0 > 0.5 and x1 > 0.5; half the rows take each branch. For x = (1, 1):
    // v() = 0.25, v({0}) = 0.5, v({1}) = 0.5, v({0,1}) = 1, so each feature gets
    // 1/2 (0.5 - 0.25) + 1/2 (1 - 0.5) = 0.375.
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(3);
    int right = b.split(1, 0.5, b.leaf(0, 25), b.leaf(1, 25));
    b.addTree(b.split(0, 0.5, b.leaf(0, 50), right), 1);
    TreeShap shap = new TreeShap(b.build());
    assertEquals(0.25, shap.expectedValue(), 1e-15);
    assertArrayEquals(new double[] {0.375, 0.375, 0}, shap.values(new double[] {1, 1, 5}), 1e-15);
  }

  @Test
  void featureSplitTwiceOnAPathByHand() {
    // x0 <= 0.5 -> 0 (50 rows); else x0 <= 0.8 -> 1 (30 rows) else 2 (20 rows). Only x0 matters,
    // so its SHAP value is f(x) - E[f] = 2 - (30 + 40) / 100 = 1.3.
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(2);
    int inner = b.split(0, 0.8, b.leaf(1, 30), b.leaf(2, 20));
    b.addTree(b.split(0, 0.5, b.leaf(0, 50), inner), 1);
    double[] phi = TreeShap.values(b.build(), new double[] {0.9, 0});
    assertArrayEquals(new double[] {1.3, 0}, phi, 1e-12);
  }

  @Test
  void gbtRegressorEqualsBruteForceAndAddsUp() {
    GBTRegressionModel m = MllibFixtures.gbtRegressor();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    TreeShap shap = new TreeShap(e);
    for (double[] x : MllibFixtures.rows()) {
      double[] phi = shap.values(x);
      assertArrayEquals(BruteForceShapley.values(e, x), phi, TOL);
      assertEquals(m.predict(MllibFixtures.vector(x)), shap.expectedValue() + sum(phi), TOL);
      assertEquals(0.0, phi[MllibFixtures.CONSTANT_FEATURE], "a constant feature is never split");
    }
  }

  @Test
  void gbtClassifierAddsUpToTheRawMargin() {
    GBTClassificationModel m = MllibFixtures.gbtClassifier();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    TreeShap shap = new TreeShap(e);
    for (double[] x : MllibFixtures.rows()) {
      double[] phi = shap.values(x);
      assertArrayEquals(BruteForceShapley.values(e, x), phi, TOL);
      double margin = m.predictRaw(MllibFixtures.vector(x)).apply(1);
      assertEquals(margin, shap.expectedValue() + sum(phi), TOL);
      assertEquals(0.0, phi[MllibFixtures.CONSTANT_FEATURE]);
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static boolean splitsOn(TreeEnsemble e, int feature) {
    for (int node = 0; node < e.numNodes(); node++) {
      if (!e.isLeaf(node) && e.feature(node) == feature) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasRepeatedFeatureOnAPath(TreeEnsemble e) {
    for (int t = 0; t < e.numTrees(); t++) {
      if (repeats(e, e.root(t), 0L)) {
        return true;
      }
    }
    return false;
  }

  private static boolean repeats(TreeEnsemble e, int node, long seen) {
    if (e.isLeaf(node)) {
      return false;
    }
    long bit = 1L << e.feature(node);
    if ((seen & bit) != 0) {
      return true;
    }
    return repeats(e, e.left(node), seen | bit) || repeats(e, e.right(node), seen | bit);
  }

  /** Random ensembles of 1-3 trees, depth <= 4, <= 6 features, some of them categorical. */
  private static final class RandomTrees {
    private final Random rnd;
    private int numFeatures;
    private boolean[] categorical;
    private int pool;

    RandomTrees(long seed) {
      rnd = new Random(seed);
    }

    TreeEnsemble next() {
      numFeatures = 1 + rnd.nextInt(6);
      categorical = new boolean[numFeatures];
      for (int f = 0; f < numFeatures; f++) {
        categorical[f] = rnd.nextDouble() < 0.25;
      }
      // Splits use only the first `pool` features: repeats on a path are frequent and the other
      // features are never split on.
      pool = 1 + rnd.nextInt(numFeatures);
      TreeEnsembleBuilder b = new TreeEnsembleBuilder(numFeatures);
      int trees = 1 + rnd.nextInt(3);
      for (int t = 0; t < trees; t++) {
        b.addTree(grow(b, 0, 1 + rnd.nextInt(4)), 0.1 + rnd.nextDouble());
      }
      return b.build();
    }

    private int grow(TreeEnsembleBuilder b, int depth, int maxDepth) {
      if (depth == maxDepth || (depth > 0 && rnd.nextDouble() < 0.2)) {
        return b.leaf(rnd.nextGaussian(), 1 + rnd.nextInt(40));
      }
      int f = rnd.nextInt(pool);
      int l = grow(b, depth + 1, maxDepth);
      int r = grow(b, depth + 1, maxDepth);
      if (categorical[f]) {
        double[] left =
            rnd.nextBoolean() ? new double[] {rnd.nextInt(CATEGORIES)} : new double[] {0, 1, 3};
        return b.categoricalSplit(f, left, CATEGORIES, l, r);
      }
      return b.split(f, rnd.nextDouble(), l, r);
    }

    double[] row() {
      double[] x = new double[numFeatures];
      for (int f = 0; f < numFeatures; f++) {
        x[f] = categorical[f] ? rnd.nextInt(CATEGORIES) : rnd.nextDouble();
      }
      return x;
    }
  }
}
