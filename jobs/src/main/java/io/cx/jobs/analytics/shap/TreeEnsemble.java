package io.cx.jobs.analytics.shap;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;

/**
 * A compact, array-based copy of a tree ensemble: the model's output for a row {@code x} is {@code
 * sum over trees t of weight(t) * leafValue(t, x)}. It is what {@link TreeShap} explains.
 *
 * <p>Why a copy rather than the MLlib model: MLlib's node objects are a pointer-chasing graph of
 * Scala objects; SHAP walks every node of every tree for every row, so the nodes live here in flat
 * arrays (in depth-first pre-order) that broadcast small and walk fast. Each node keeps what
 * TreeSHAP needs: the split (feature, threshold or category set, children), the leaf value and the
 * node's <em>cover</em>, the number (or total weight) of training rows that reached it, which MLlib
 * keeps as {@code impurityStats().count()} and writes with the model, so a reloaded model gives the
 * same ensemble.
 *
 * <p>Split rule, as in MLlib: a continuous split sends {@code x[f] <= threshold} left and
 * everything else (NaN included) right; a categorical split keeps the smaller of its left set and
 * the complement, and a value in the kept set goes to that side.
 *
 * <p>Instances are immutable and thread-safe. Build them with the {@code fromModel} factories or
 * with {@link TreeEnsembleBuilder}.
 */
public final class TreeEnsemble implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The feature index stored for a leaf. */
  static final int LEAF = -1;

  private final int numFeatures;
  private final int[] roots;
  private final double[] treeWeights;
  private final int[] feature;
  private final double[] threshold;
  private final double[][] categories;
  private final boolean[] categoriesGoLeft;
  private final int[] left;
  private final int[] right;
  private final double[] value;
  private final double[] cover;
  private final int maxDepth;
  private final double expectedValue;

  TreeEnsemble(
      int numFeatures,
      int[] roots,
      double[] treeWeights,
      int[] feature,
      double[] threshold,
      double[][] categories,
      boolean[] categoriesGoLeft,
      int[] left,
      int[] right,
      double[] value,
      double[] cover) {
    this.numFeatures = numFeatures;
    this.roots = roots;
    this.treeWeights = treeWeights;
    this.feature = feature;
    this.threshold = threshold;
    this.categories = categories;
    this.categoriesGoLeft = categoriesGoLeft;
    this.left = left;
    this.right = right;
    this.value = value;
    this.cover = cover;
    int depth = 0;
    double expected = 0;
    for (int t = 0; t < roots.length; t++) {
      depth = Math.max(depth, depth(roots[t]));
      expected += treeWeights[t] * expectedValue(roots[t]);
    }
    this.maxDepth = depth;
    this.expectedValue = expected;
  }

  /** A single regression tree, weight 1. */
  public static TreeEnsemble fromModel(DecisionTreeRegressionModel model) {
    return MllibTrees.read(
        new DecisionTreeRegressionModel[] {model}, new double[] {1.0}, model.numFeatures());
  }

  /** A GBT regressor: the sum of tree weight times tree output, as MLlib predicts. */
  public static TreeEnsemble fromModel(GBTRegressionModel model) {
    return MllibTrees.read(model.trees(), model.treeWeights(), model.numFeatures());
  }

  /**
   * A GBT classifier in margin space: the output is MLlib's raw margin {@code F(x) = sum of tree
   * weight times tree output}, the second element of {@code rawPrediction}. MLlib's logistic loss
   * is written for labels in {-1, +1}, so the probability of class 1 is {@code 1 / (1 + exp(-2F))}
   * and the log-odds are {@code 2F}: multiply SHAP values by 2 to read them in log-odds.
   */
  public static TreeEnsemble fromModel(GBTClassificationModel model) {
    return MllibTrees.read(model.trees(), model.treeWeights(), model.numFeatures());
  }

  /** A random-forest regressor: the average of its trees. */
  public static TreeEnsemble fromModel(RandomForestRegressionModel model) {
    DecisionTreeRegressionModel[] trees = model.trees();
    double[] weights = new double[trees.length];
    Arrays.fill(weights, 1.0 / trees.length);
    return MllibTrees.read(trees, weights, model.numFeatures());
  }

  /** The model's output for one row; {@code x.length} must be {@link #numFeatures()}. */
  public double predict(double[] x) {
    checkLength(x);
    double sum = 0;
    for (int t = 0; t < roots.length; t++) {
      int node = roots[t];
      while (feature[node] != LEAF) {
        node = goesLeft(node, x) ? left[node] : right[node];
      }
      sum += treeWeights[t] * value[node];
    }
    return sum;
  }

  /**
   * The output expected over the training data as the trees saw it: each leaf's value weighted by
   * its share of its tree's cover. This is the base value of the SHAP decomposition.
   */
  public double expectedValue() {
    return expectedValue;
  }

  /** Whether row {@code x} takes the left branch at internal node {@code node}. */
  public boolean goesLeft(int node, double[] x) {
    double v = x[feature[node]];
    double[] cats = categories[node];
    if (cats == null) {
      return v <= threshold[node];
    }
    boolean in = Arrays.binarySearch(cats, v) >= 0;
    return in == categoriesGoLeft[node];
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int numTrees() {
    return roots.length;
  }

  public int numNodes() {
    return feature.length;
  }

  /** The largest number of splits on a root-to-leaf path, over all trees. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The node id of tree {@code tree}'s root. */
  public int root(int tree) {
    return roots[tree];
  }

  public double treeWeight(int tree) {
    return treeWeights[tree];
  }

  public boolean isLeaf(int node) {
    return feature[node] == LEAF;
  }

  /** The feature an internal node splits on. */
  public int feature(int node) {
    return feature[node];
  }

  /** The threshold of a continuous split; NaN for categorical splits and leaves. */
  public double threshold(int node) {
    return cats(node) == null && !isLeaf(node) ? threshold[node] : Double.NaN;
  }

  public boolean isCategorical(int node) {
    return cats(node) != null;
  }

  public int left(int node) {
    return left[node];
  }

  public int right(int node) {
    return right[node];
  }

  /** A leaf's value (0 for internal nodes). */
  public double value(int node) {
    return value[node];
  }

  /** Training rows (or weight) that reached the node. */
  public double cover(int node) {
    return cover[node];
  }

  void checkLength(double[] x) {
    if (x.length != numFeatures) {
      throw new IllegalArgumentException(
          "Cannot evaluate tree ensemble: expected " + numFeatures + " features, got " + x.length);
    }
  }

  private double[] cats(int node) {
    return categories[node];
  }

  /**
   * The category set a categorical split keeps (sorted; the caller must not change it), or null;
   * see {@link #keptCategoriesGoLeft}.
   */
  double[] keptCategories(int node) {
    return categories[node];
  }

  /** Whether a value in the kept category set goes left (else right, and all others left). */
  boolean keptCategoriesGoLeft(int node) {
    return categoriesGoLeft[node];
  }

  private int depth(int node) {
    if (feature[node] == LEAF) {
      return 0;
    }
    return 1 + Math.max(depth(left[node]), depth(right[node]));
  }

  private double expectedValue(int node) {
    if (feature[node] == LEAF) {
      return value[node];
    }
    int l = left[node];
    int r = right[node];
    return (cover[l] * expectedValue(l) + cover[r] * expectedValue(r)) / cover[node];
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TreeEnsemble)) {
      return false;
    }
    TreeEnsemble e = (TreeEnsemble) o;
    return numFeatures == e.numFeatures
        && Arrays.equals(roots, e.roots)
        && Arrays.equals(treeWeights, e.treeWeights)
        && Arrays.equals(feature, e.feature)
        && Arrays.equals(threshold, e.threshold)
        && Arrays.deepEquals(categories, e.categories)
        && Arrays.equals(categoriesGoLeft, e.categoriesGoLeft)
        && Arrays.equals(left, e.left)
        && Arrays.equals(right, e.right)
        && Arrays.equals(value, e.value)
        && Arrays.equals(cover, e.cover);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(feature) + Arrays.hashCode(cover);
  }

  @Override
  public String toString() {
    return "TreeEnsemble(trees="
        + roots.length
        + ", nodes="
        + feature.length
        + ", maxDepth="
        + maxDepth
        + ", features="
        + numFeatures
        + ")";
  }
}
