package io.cx.jobs.analytics.shap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link TreeEnsemble} node by node, bottom-up: create the leaves, then the splits that
 * join them, then add each tree's root with its weight. Used by the MLlib readers and by tests that
 * need hand-made trees.
 *
 * <p>Every node is checked when it is created (feature in range, finite values, positive cover, a
 * child used only once), so a built ensemble is always valid. {@link #build()} lays the nodes out
 * in depth-first pre-order, tree after tree, and drops nodes that belong to no tree.
 */
public final class TreeEnsembleBuilder {
  private final int numFeatures;
  private int size;
  private int[] feature = new int[16];
  private double[] threshold = new double[16];
  private double[][] categories = new double[16][];
  private boolean[] categoriesGoLeft = new boolean[16];
  private int[] left = new int[16];
  private int[] right = new int[16];
  private double[] value = new double[16];
  private double[] cover = new double[16];
  private boolean[] used = new boolean[16];
  private final List<Integer> roots = new ArrayList<>();
  private final List<Double> weights = new ArrayList<>();

  /**
   * @param numFeatures length of the feature vectors the ensemble will see
   */
  public TreeEnsembleBuilder(int numFeatures) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException(
          "Cannot build a tree ensemble: numFeatures must be at least 1, got " + numFeatures);
    }
    this.numFeatures = numFeatures;
  }

  /**
   * Adds a leaf.
   *
   * @param value the leaf's output
   * @param cover how many training rows (or how much training weight) reached the leaf; positive
   * @return the new node's id, to pass to a split or to {@link #addTree}
   */
  public int leaf(double value, double cover) {
    checkFinite(value, "leaf value");
    checkCover(cover);
    int id = newNode();
    this.feature[id] = TreeEnsemble.LEAF;
    this.value[id] = value;
    this.cover[id] = cover;
    this.left[id] = -1;
    this.right[id] = -1;
    return id;
  }

  /** A continuous split whose cover is the sum of its children's covers. */
  public int split(int feature, double threshold, int left, int right) {
    return split(feature, threshold, left, right, sumOfCovers(left, right));
  }

  /**
   * Adds a continuous split: rows with {@code x[feature] <= threshold} go left, all others
   * (including NaN) go right, as in MLlib.
   *
   * @return the new node's id
   */
  public int split(int feature, double threshold, int left, int right, double cover) {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("Cannot add split on feature " + feature + ": NaN");
    }
    int id = internal(feature, left, right, cover);
    this.threshold[id] = threshold;
    return id;
  }

  /** A categorical split whose cover is the sum of its children's covers. */
  public int categoricalSplit(
      int feature, double[] leftCategories, int numCategories, int left, int right) {
    return categoricalSplit(
        feature, leftCategories, numCategories, left, right, sumOfCovers(left, right));
  }

  /**
   * Adds a categorical split: rows whose category is in {@code leftCategories} go left. Like
   * MLlib's {@code CategoricalSplit}, the node keeps the smaller of the left set and its complement
   * in {@code [0, numCategories)}, so a value outside that range takes the same branch as in MLlib.
   *
   * @return the new node's id
   */
  public int categoricalSplit(
      int feature, double[] leftCategories, int numCategories, int left, int right, double cover) {
    for (double c : leftCategories) {
      if (!(c >= 0 && c < numCategories && c == Math.rint(c))) {
        throw new IllegalArgumentException(
            "Cannot add categorical split on feature "
                + feature
                + ": category "
                + c
                + " is not an integer in [0, "
                + numCategories
                + ")");
      }
    }
    double[] leftSet = Arrays.stream(leftCategories).distinct().sorted().toArray();
    int id = internal(feature, left, right, cover);
    boolean keepLeft = leftSet.length <= numCategories / 2;
    if (keepLeft) {
      this.categories[id] = leftSet;
    } else {
      double[] rightSet = new double[numCategories - leftSet.length];
      int k = 0;
      for (int c = 0; c < numCategories; c++) {
        if (Arrays.binarySearch(leftSet, c) < 0) {
          rightSet[k++] = c;
        }
      }
      this.categories[id] = rightSet;
    }
    this.categoriesGoLeft[id] = keepLeft;
    this.threshold[id] = Double.NaN;
    return id;
  }

  /**
   * Adds a categorical split as a {@link TreeEnsemble} stores it: the kept set (sorted, distinct,
   * non-negative integers) and the side its values go to; all other values go the other way. For
   * readers of a stored ensemble, which does not know the number of categories.
   */
  int keptCategoricalSplit(
      int feature, double[] kept, boolean keptGoLeft, int left, int right, double cover) {
    for (int i = 0; i < kept.length; i++) {
      double c = kept[i];
      if (!(c >= 0 && Double.isFinite(c) && c == Math.rint(c) && (i == 0 || c > kept[i - 1]))) {
        throw new IllegalArgumentException(
            "Cannot add categorical split on feature "
                + feature
                + ": kept categories "
                + Arrays.toString(kept)
                + " are not increasing non-negative integers");
      }
    }
    int id = internal(feature, left, right, cover);
    this.categories[id] = kept.clone();
    this.categoriesGoLeft[id] = keptGoLeft;
    this.threshold[id] = Double.NaN;
    return id;
  }

  /**
   * Adds a tree: the ensemble's output is the sum over trees of {@code weight} times the tree's
   * leaf value.
   */
  public TreeEnsembleBuilder addTree(int root, double weight) {
    checkNode(root);
    checkFinite(weight, "tree weight");
    if (used[root]) {
      throw new IllegalArgumentException(
          "Cannot add tree: node " + root + " is already part of a tree");
    }
    used[root] = true;
    roots.add(root);
    weights.add(weight);
    return this;
  }

  /** The ensemble, nodes in depth-first pre-order tree after tree. */
  public TreeEnsemble build() {
    if (roots.isEmpty()) {
      throw new IllegalStateException("Cannot build a tree ensemble without trees");
    }
    int[] order = new int[size];
    int n = 0;
    int[] newRoots = new int[roots.size()];
    int[] stack = new int[size];
    for (int t = 0; t < roots.size(); t++) {
      newRoots[t] = n;
      int top = 0;
      stack[top++] = roots.get(t);
      while (top > 0) {
        int node = stack[--top];
        order[n++] = node;
        if (feature[node] != TreeEnsemble.LEAF) {
          stack[top++] = right[node];
          stack[top++] = left[node];
        }
      }
    }
    int[] newId = new int[size];
    Arrays.fill(newId, -1);
    for (int i = 0; i < n; i++) {
      newId[order[i]] = i;
    }
    int[] f = new int[n];
    double[] th = new double[n];
    double[][] cats = new double[n][];
    boolean[] catLeft = new boolean[n];
    int[] l = new int[n];
    int[] r = new int[n];
    double[] v = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      int old = order[i];
      f[i] = feature[old];
      th[i] = threshold[old];
      cats[i] = categories[old];
      catLeft[i] = categoriesGoLeft[old];
      l[i] = f[i] == TreeEnsemble.LEAF ? -1 : newId[left[old]];
      r[i] = f[i] == TreeEnsemble.LEAF ? -1 : newId[right[old]];
      v[i] = value[old];
      c[i] = cover[old];
    }
    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    return new TreeEnsemble(numFeatures, newRoots, w, f, th, cats, catLeft, l, r, v, c);
  }

  private int internal(int feature, int left, int right, double cover) {
    if (feature < 0 || feature >= numFeatures) {
      throw new IllegalArgumentException(
          "Cannot add split: feature " + feature + " is outside [0, " + numFeatures + ")");
    }
    checkNode(left);
    checkNode(right);
    if (left == right) {
      throw new IllegalArgumentException(
          "Cannot add split on feature " + feature + ": both children are node " + left);
    }
    for (int child : new int[] {left, right}) {
      if (used[child]) {
        throw new IllegalArgumentException(
            "Cannot add split on feature " + feature + ": node " + child + " already has a parent");
      }
    }
    checkCover(cover);
    int id = newNode();
    used[left] = true;
    used[right] = true;
    this.feature[id] = feature;
    this.left[id] = left;
    this.right[id] = right;
    this.cover[id] = cover;
    return id;
  }

  private double sumOfCovers(int left, int right) {
    checkNode(left);
    checkNode(right);
    return cover[left] + cover[right];
  }

  private int newNode() {
    if (size == feature.length) {
      int cap = size * 2;
      feature = Arrays.copyOf(feature, cap);
      threshold = Arrays.copyOf(threshold, cap);
      categories = Arrays.copyOf(categories, cap);
      categoriesGoLeft = Arrays.copyOf(categoriesGoLeft, cap);
      left = Arrays.copyOf(left, cap);
      right = Arrays.copyOf(right, cap);
      value = Arrays.copyOf(value, cap);
      cover = Arrays.copyOf(cover, cap);
      used = Arrays.copyOf(used, cap);
    }
    return size++;
  }

  private void checkNode(int node) {
    if (node < 0 || node >= size) {
      throw new IllegalArgumentException("Cannot use node " + node + ": no such node");
    }
  }

  private static void checkCover(double cover) {
    if (!(cover > 0) || Double.isInfinite(cover)) {
      throw new IllegalArgumentException(
          "Cannot add node: cover must be positive and finite, got " + cover);
    }
  }

  private static void checkFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("Cannot use " + what + " " + v + ": not finite");
    }
  }
}
