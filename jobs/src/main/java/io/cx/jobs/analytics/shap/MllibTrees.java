package io.cx.jobs.analytics.shap;

import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;
import org.apache.spark.mllib.tree.impurity.ImpurityCalculator;

/**
 * Copies MLlib regression trees ({@code InternalNode}, {@code LeafNode}, {@code ContinuousSplit},
 * {@code CategoricalSplit}) into a {@link TreeEnsemble}. Every tree of a GBT, classifier included,
 * is a regression tree, so one reader serves all the {@code fromModel} factories.
 */
final class MllibTrees {
  private MllibTrees() {}

  static TreeEnsemble read(DecisionTreeRegressionModel[] trees, double[] weights, int numFeatures) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException(
          "Cannot copy MLlib model: it does not know its number of features ("
              + numFeatures
              + "); train it with fit() or load it from disk");
    }
    if (trees.length == 0 || trees.length != weights.length) {
      throw new IllegalArgumentException(
          "Cannot copy MLlib model: " + trees.length + " trees, " + weights.length + " weights");
    }
    TreeEnsembleBuilder b = new TreeEnsembleBuilder(numFeatures);
    for (int t = 0; t < trees.length; t++) {
      b.addTree(copy(trees[t].rootNode(), b, t), weights[t]);
    }
    return b.build();
  }

  private static int copy(Node node, TreeEnsembleBuilder b, int tree) {
    double cover = cover(node, tree);
    if (!(node instanceof InternalNode)) {
      return b.leaf(node.prediction(), cover);
    }
    InternalNode in = (InternalNode) node;
    int l = copy(in.leftChild(), b, tree);
    int r = copy(in.rightChild(), b, tree);
    Split split = in.split();
    if (split instanceof ContinuousSplit) {
      ContinuousSplit s = (ContinuousSplit) split;
      return b.split(s.featureIndex(), s.threshold(), l, r, cover);
    }
    if (split instanceof CategoricalSplit) {
      CategoricalSplit s = (CategoricalSplit) split;
      return b.categoricalSplit(
          s.featureIndex(), s.leftCategories(), s.numCategories(), l, r, cover);
    }
    throw new IllegalArgumentException(
        "Cannot copy tree " + tree + ": unknown split type " + split.getClass().getName());
  }

  private static double cover(Node node, int tree) {
    ImpurityCalculator stats = node.impurityStats();
    if (stats == null || !(stats.count() > 0)) {
      throw new IllegalArgumentException(
          "Cannot copy tree "
              + tree
              + ": a node has no training count (impurityStats), which TreeSHAP needs; "
              + "retrain the model with this Spark version");
    }
    return stats.count();
  }
}
