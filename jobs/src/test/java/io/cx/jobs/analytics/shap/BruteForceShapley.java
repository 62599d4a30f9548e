package io.cx.jobs.analytics.shap;

/**
 * Exact Shapley values by enumerating every feature subset: the independent reference TreeSHAP is
 * tested against. Exponential in the number of features, so only for small models.
 *
 * <p>The game is the one TreeSHAP explains: {@code v(S)} walks each tree, follows {@code x} at a
 * split on a feature in {@code S} and otherwise averages both children weighted by their share of
 * the node's cover. {@code phi_i = sum over S not containing i of |S|! (M-|S|-1)! / M! * (v(S + i)
 * - v(S))}.
 */
final class BruteForceShapley {
  private BruteForceShapley() {}

  static double[] values(TreeEnsemble e, double[] x) {
    int m = e.numFeatures();
    if (m > 16) {
      throw new IllegalArgumentException("brute force is for at most 16 features, got " + m);
    }
    double[] v = new double[1 << m];
    for (int s = 0; s < v.length; s++) {
      v[s] = conditionalExpectation(e, x, s);
    }
    double[] factorial = new double[m + 1];
    factorial[0] = 1;
    for (int i = 1; i <= m; i++) {
      factorial[i] = factorial[i - 1] * i;
    }
    double[] phi = new double[m];
    for (int i = 0; i < m; i++) {
      int bit = 1 << i;
      for (int s = 0; s < v.length; s++) {
        if ((s & bit) != 0) {
          continue;
        }
        int size = Integer.bitCount(s);
        double weight = factorial[size] * factorial[m - size - 1] / factorial[m];
        phi[i] += weight * (v[s | bit] - v[s]);
      }
    }
    return phi;
  }

  /** {@code v(S)} for the subset whose bit mask is {@code subset}. */
  static double conditionalExpectation(TreeEnsemble e, double[] x, int subset) {
    double sum = 0;
    for (int t = 0; t < e.numTrees(); t++) {
      sum += e.treeWeight(t) * walk(e, x, subset, e.root(t));
    }
    return sum;
  }

  private static double walk(TreeEnsemble e, double[] x, int subset, int node) {
    if (e.isLeaf(node)) {
      return e.value(node);
    }
    if ((subset & (1 << e.feature(node))) != 0) {
      return walk(e, x, subset, e.goesLeft(node, x) ? e.left(node) : e.right(node));
    }
    int l = e.left(node);
    int r = e.right(node);
    return (e.cover(l) * walk(e, x, subset, l) + e.cover(r) * walk(e, x, subset, r))
        / e.cover(node);
  }
}
