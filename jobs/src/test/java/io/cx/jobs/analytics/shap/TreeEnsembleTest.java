package io.cx.jobs.analytics.shap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The array copy of MLlib models predicts what MLlib predicts and keeps the training counts. */
class TreeEnsembleTest {

  private static void assertSamePredictions(TreeEnsemble e, ToDoubleFunction<Vector> mllib) {
    for (double[] x : MllibFixtures.rows()) {
      double expected = mllib.applyAsDouble(MllibFixtures.vector(x));
      assertEquals(expected, e.predict(x), 1e-12 * Math.max(1, Math.abs(expected)));
    }
  }

  @Test
  void decisionTreeMatchesMllib() {
    DecisionTreeRegressionModel m = MllibFixtures.tree();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    assertEquals(1, e.numTrees());
    assertEquals(m.numNodes(), e.numNodes());
    assertEquals(m.depth(), e.maxDepth());
    assertSamePredictions(e, m::predict);
  }

  @Test
  void gbtRegressorMatchesMllib() {
    GBTRegressionModel m = MllibFixtures.gbtRegressor();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    assertEquals(m.getNumTrees(), e.numTrees());
    assertEquals(m.totalNumNodes(), e.numNodes());
    assertSamePredictions(e, m::predict);
  }

  @Test
  void gbtClassifierGivesTheRawMargin() {
    GBTClassificationModel m = MllibFixtures.gbtClassifier();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    assertSamePredictions(e, v -> m.predictRaw(v).apply(1));
    // The documented link: P(class 1) = 1 / (1 + exp(-2 * margin)).
    for (double[] x : MllibFixtures.rows()) {
      Vector v = MllibFixtures.vector(x);
      double p = m.predictProbability(v).apply(1);
      assertEquals(p, 1 / (1 + Math.exp(-2 * e.predict(x))), 1e-12);
    }
  }

  @Test
  void randomForestIsTheAverageOfItsTrees() {
    var m = MllibFixtures.forest();
    TreeEnsemble e = TreeEnsemble.fromModel(m);
    assertEquals(8, e.numTrees());
    assertEquals(1.0 / 8, e.treeWeight(3));
    assertSamePredictions(e, m::predict);
  }

  @Test
  void coverIsTheTrainingCount() {
    TreeEnsemble tree = TreeEnsemble.fromModel(MllibFixtures.tree());
    assertEquals(MllibFixtures.ROWS, tree.cover(tree.root(0)));
    TreeEnsemble gbt = TreeEnsemble.fromModel(MllibFixtures.gbtRegressor());
    for (int t = 0; t < gbt.numTrees(); t++) {
      assertEquals(MllibFixtures.ROWS, gbt.cover(gbt.root(t)), "root of tree " + t);
    }
    for (TreeEnsemble e : new TreeEnsemble[] {tree, gbt}) {
      for (int node = 0; node < e.numNodes(); node++) {
        assertEquals(Math.rint(e.cover(node)), e.cover(node), "whole rows at node " + node);
        if (!e.isLeaf(node)) {
          assertEquals(e.cover(e.left(node)) + e.cover(e.right(node)), e.cover(node));
        }
      }
    }
  }

  @Test
  void modelsMakeCategoricalSplitsOnTheDeclaredFeature() {
    TreeEnsemble gbt = TreeEnsemble.fromModel(MllibFixtures.gbtRegressor());
    int categorical = 0;
    for (int node = 0; node < gbt.numNodes(); node++) {
      if (gbt.isCategorical(node)) {
        assertEquals(2, gbt.feature(node));
        categorical++;
      }
    }
    assertTrue(categorical > 0, "the test data should produce categorical splits");
  }

  @Test
  void survivesSaveAndLoad(@TempDir Path dir) throws Exception {
    GBTClassificationModel c = MllibFixtures.gbtClassifier();
    c.save(dir.resolve("gbtc").toString());
    assertEquals(
        TreeEnsemble.fromModel(c),
        TreeEnsemble.fromModel(GBTClassificationModel.load(dir.resolve("gbtc").toString())));

    GBTRegressionModel r = MllibFixtures.gbtRegressor();
    r.save(dir.resolve("gbtr").toString());
    assertEquals(
        TreeEnsemble.fromModel(r),
        TreeEnsemble.fromModel(GBTRegressionModel.load(dir.resolve("gbtr").toString())));
  }

  @Test
  void javaSerializationRoundTrips() throws Exception {
    TreeEnsemble e = TreeEnsemble.fromModel(MllibFixtures.gbtRegressor());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      TreeEnsemble back = (TreeEnsemble) in.readObject();
      assertEquals(e, back);
      double[] x = MllibFixtures.rows().get(0);
      assertEquals(e.predict(x), back.predict(x));
    }
  }

  @Test
  void categoricalSplitFollowsMllibRuleForUnseenCategories() {
    // Left set {0, 1, 2} of 4 categories: MLlib keeps the complement {3} and sends everything
    // else left, so an unseen category 7 goes left; left set {1} of 4 is kept as is, 7 goes right.
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(1);
    int big = b.categoricalSplit(0, new double[] {0, 1, 2}, 4, b.leaf(1, 1), b.leaf(2, 1));
    int small = b.categoricalSplit(0, new double[] {1}, 4, b.leaf(3, 1), b.leaf(4, 1));
    b.addTree(big, 1).addTree(small, 10);
    TreeEnsemble e = b.build();
    assertEquals(1 + 40, e.predict(new double[] {7}));
    assertEquals(1 + 30, e.predict(new double[] {1}));
    assertEquals(2 + 40, e.predict(new double[] {3}));
    assertTrue(e.isCategorical(e.root(0)));
    assertFalse(e.isCategorical(e.left(e.root(0))));
  }

  @Test
  void builderRejectsInvalidNodesNamingTheProblem() {
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(2);
    assertEquals(
        "Cannot add node: cover must be positive and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> b.leaf(1, 0)).getMessage());
    int l = b.leaf(1, 2);
    int r = b.leaf(2, 3);
    assertEquals(
        "Cannot add split: feature 2 is outside [0, 2)",
        assertThrows(IllegalArgumentException.class, () -> b.split(2, 0.5, l, r)).getMessage());
    int root = b.split(1, 0.5, l, r);
    assertThrows(IllegalStateException.class, b::build, "no tree added yet");
    b.addTree(root, 1);
    assertEquals(5.0, b.build().cover(0), "internal cover defaults to the children's sum");
    int other = b.leaf(0, 1);
    assertEquals(
        "Cannot add split on feature 0: node " + l + " already has a parent",
        assertThrows(IllegalArgumentException.class, () -> b.split(0, 0.1, l, other)).getMessage());
    assertEquals(
        "Cannot evaluate tree ensemble: expected 2 features, got 3",
        assertThrows(IllegalArgumentException.class, () -> b.build().predict(new double[3]))
            .getMessage());
  }
}
