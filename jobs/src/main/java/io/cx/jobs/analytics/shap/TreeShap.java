package io.cx.jobs.analytics.shap;

import java.util.Arrays;

/**
 * Exact SHAP values of a {@link TreeEnsemble} for one row, by the path-dependent TreeSHAP algorithm
 * (Lundberg, Erion and Lee 2018, "Consistent Individualized Feature Attribution for Tree
 * Ensembles", Algorithm 2), in time O(trees x leaves x depth^2).
 *
 * <p>What is explained: the Shapley values of the game {@code v(S) = E[f(x) | x_S]}, where the
 * conditional expectation is taken the path-dependent way: walk each tree, follow {@code x} at
 * splits on a feature in {@code S}, and at other splits take both branches weighted by the share of
 * the node's training cover each child received. Hence {@code v(all) = f(x)}, {@code v(none) =
 * }{@link #expectedValue()}, and the values add up: {@code expectedValue() + sum(values(x)) =
 * ensemble.predict(x)}. A feature no tree splits on gets exactly 0.
 *
 * <p>The algorithm keeps, along the current root-to-node path, one entry per distinct feature met
 * (its zero fraction: the cover share of the branches taken; its one fraction: 1 if {@code x} takes
 * them, else 0) and the weights of all subset sizes; at a leaf it "unwinds" each feature to get its
 * Shapley weight. A feature met twice on a path is first unwound and then extended again with the
 * product of its fractions.
 *
 * <p>Allocation-light: an instance owns the scratch path of size O(depth^2) and reuses it; {@link
 * #values(double[], double[])} allocates nothing. An instance is therefore not thread-safe: use one
 * per thread (e.g. one per Spark partition). It is cheap to create.
 */
public final class TreeShap {
  private final TreeEnsemble ensemble;
  private final int[] pathFeature;
  private final double[] pathZero;
  private final double[] pathOne;
  private final double[] pathWeight;
  private double[] phi;
  private double[] x;

  public TreeShap(TreeEnsemble ensemble) {
    this.ensemble = ensemble;
    // A path segment per depth level; the segment at level k holds k + 1 entries.
    int levels = ensemble.maxDepth() + 2;
    int size = levels * (levels + 1) / 2;
    this.pathFeature = new int[size];
    this.pathZero = new double[size];
    this.pathOne = new double[size];
    this.pathWeight = new double[size];
  }

  /** SHAP values of {@code x} under {@code ensemble}: one per feature. */
  public static double[] values(TreeEnsemble ensemble, double[] x) {
    return new TreeShap(ensemble).values(x);
  }

  /** The base value: the ensemble's expected output, {@code v(none)}. */
  public double expectedValue() {
    return ensemble.expectedValue();
  }

  public TreeEnsemble ensemble() {
    return ensemble;
  }

  /** SHAP values of {@code x}, one per feature, in a new array. */
  public double[] values(double[] x) {
    double[] out = new double[ensemble.numFeatures()];
    values(x, out);
    return out;
  }

  /**
   * Writes the SHAP values of {@code x} into {@code out} (overwritten; length {@code numFeatures}).
   * Allocates nothing.
   */
  public void values(double[] x, double[] out) {
    ensemble.checkLength(x);
    if (out.length != ensemble.numFeatures()) {
      throw new IllegalArgumentException(
          "Cannot write SHAP values: output has length "
              + out.length
              + ", expected "
              + ensemble.numFeatures());
    }
    Arrays.fill(out, 0.0);
    this.x = x;
    this.phi = out;
    try {
      for (int t = 0; t < ensemble.numTrees(); t++) {
        recurse(ensemble.root(t), 0, 0, 0, 1.0, 1.0, TreeEnsemble.LEAF, ensemble.treeWeight(t));
      }
    } finally {
      this.x = null;
      this.phi = null;
    }
  }

  /**
   * Visits {@code node}: copies the parent's path (entries {@code 0..depth-1} at {@code
   * parentOffset}) to {@code offset}, extends it with the edge that led here, then either credits
   * the leaf's value to every feature on the path or descends into both children.
   */
  private void recurse(
      int node,
      int depth,
      int parentOffset,
      int offset,
      double zeroFraction,
      double oneFraction,
      int feature,
      double treeWeight) {
    if (depth > 0) {
      System.arraycopy(pathFeature, parentOffset, pathFeature, offset, depth);
      System.arraycopy(pathZero, parentOffset, pathZero, offset, depth);
      System.arraycopy(pathOne, parentOffset, pathOne, offset, depth);
      System.arraycopy(pathWeight, parentOffset, pathWeight, offset, depth);
    }
    extend(offset, depth, zeroFraction, oneFraction, feature);

    if (ensemble.isLeaf(node)) {
      double scale = treeWeight * ensemble.value(node);
      for (int i = 1; i <= depth; i++) {
        int e = offset + i;
        double w = unwoundSum(offset, depth, i);
        phi[pathFeature[e]] += w * (pathOne[e] - pathZero[e]) * scale;
      }
      return;
    }

    int split = ensemble.feature(node);
    boolean left = ensemble.goesLeft(node, x);
    int hot = left ? ensemble.left(node) : ensemble.right(node);
    int cold = left ? ensemble.right(node) : ensemble.left(node);
    double cover = ensemble.cover(node);

    // A feature already on the path is taken off and put back with both splits' fractions.
    double incomingZero = 1.0;
    double incomingOne = 1.0;
    for (int i = 1; i <= depth; i++) {
      if (pathFeature[offset + i] == split) {
        incomingZero = pathZero[offset + i];
        incomingOne = pathOne[offset + i];
        unwind(offset, depth, i);
        depth--;
        break;
      }
    }
    int childOffset = offset + depth + 1;
    recurse(
        hot,
        depth + 1,
        offset,
        childOffset,
        incomingZero * ensemble.cover(hot) / cover,
        incomingOne,
        split,
        treeWeight);
    recurse(
        cold,
        depth + 1,
        offset,
        childOffset,
        incomingZero * ensemble.cover(cold) / cover,
        0.0,
        split,
        treeWeight);
  }

  /** Appends entry {@code depth} and updates the subset-size weights (EXTEND). */
  private void extend(int o, int depth, double zero, double one, int feature) {
    pathFeature[o + depth] = feature;
    pathZero[o + depth] = zero;
    pathOne[o + depth] = one;
    pathWeight[o + depth] = depth == 0 ? 1.0 : 0.0;
    double n = depth + 1;
    for (int i = depth - 1; i >= 0; i--) {
      pathWeight[o + i + 1] += one * pathWeight[o + i] * (i + 1) / n;
      pathWeight[o + i] = zero * pathWeight[o + i] * (depth - i) / n;
    }
  }

  /** Removes entry {@code index} from the path of length {@code depth + 1} (UNWIND). */
  private void unwind(int o, int depth, int index) {
    double one = pathOne[o + index];
    double zero = pathZero[o + index];
    double next = pathWeight[o + depth];
    double n = depth + 1;
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = pathWeight[o + i];
        pathWeight[o + i] = next * n / ((i + 1) * one);
        next = tmp - pathWeight[o + i] * zero * (depth - i) / n;
      } else {
        pathWeight[o + i] = pathWeight[o + i] * n / (zero * (depth - i));
      }
    }
    for (int i = index; i < depth; i++) {
      pathFeature[o + i] = pathFeature[o + i + 1];
      pathZero[o + i] = pathZero[o + i + 1];
      pathOne[o + i] = pathOne[o + i + 1];
    }
  }

  /**
   * The total weight the path would have with entry {@code index} unwound, without changing the
   * path: the Shapley weight of that feature at this leaf.
   */
  private double unwoundSum(int o, int depth, int index) {
    double one = pathOne[o + index];
    double zero = pathZero[o + index];
    double next = pathWeight[o + depth];
    double n = depth + 1;
    double total = 0;
    if (one != 0) {
      for (int i = depth - 1; i >= 0; i--) {
        double tmp = next * n / ((i + 1) * one);
        total += tmp;
        next = pathWeight[o + i] - tmp * zero * (depth - i) / n;
      }
    } else {
      for (int i = depth - 1; i >= 0; i--) {
        total += pathWeight[o + i] * n / (zero * (depth - i));
      }
    }
    return total;
  }
}
