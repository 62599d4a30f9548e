package io.cx.jobs.analytics.trees;

/**
 * Grows one regression tree on gradients and hessians by Newton boosting: every node whose depth is
 * below {@code maxDepth} and that has at least {@code 2 * minInstancesPerNode} rows takes its best
 * split ({@link SplitSearch}) if one exists; every other node is a leaf with value {@code -G / (H +
 * lambda)}. A node's cover is the sum of the weights of the tree's rows that reach it.
 *
 * <p>Since whether a node splits depends on nothing but its own rows, the tree is the same in any
 * growth order; it is grown depth-first, which keeps one pending histogram per level. A node's rows
 * are a range of one index array, partitioned stably at each split (so rows stay in increasing
 * order). The histogram of the smaller child is summed from its rows, the larger child's is its
 * parent's minus the smaller's.
 *
 * <p>Not thread-safe: the grower owns scratch arrays for the fit it serves.
 */
final class TreeGrower {
  private final FeatureBins bins;
  private final SplitSearch search;
  private final double lambda;
  private final int maxDepth;
  private final int minInstances;
  private final int[] index;
  private final int[] scratch;
  private final double[] orderedG;
  private final double[] orderedH;
  private final double[] rowValue;
  private double[] g;
  private double[] h;
  private double[] w;
  private BinnedTree tree;

  TreeGrower(FeatureBins bins, int rows, double lambda, int maxDepth, int minInstances) {
    this.bins = bins;
    this.search = new SplitSearch(bins, lambda, minInstances);
    this.lambda = lambda;
    this.maxDepth = maxDepth;
    this.minInstances = minInstances;
    this.index = new int[rows];
    this.scratch = new int[rows];
    this.orderedG = new double[rows];
    this.orderedH = new double[rows];
    this.rowValue = new double[rows];
  }

  /**
   * A tree fitted to the rows in {@code sample} (increasing row numbers) with per-row gradients
   * {@code g}, hessians {@code h} and weights {@code w}.
   */
  BinnedTree grow(int[] sample, double[] g, double[] h, double[] w) {
    this.g = g;
    this.h = h;
    this.w = w;
    this.tree = new BinnedTree();
    System.arraycopy(sample, 0, index, 0, sample.length);
    int n = sample.length;
    grow(0, n, 0, splittable(n, 0) ? histogram(0, n) : null);
    BinnedTree out = tree;
    this.tree = null;
    this.g = null;
    this.h = null;
    this.w = null;
    return out;
  }

  /**
   * The leaf value each row of the last {@link #grow} sample reached, by row number (other entries
   * are stale). Owned by the grower; overwritten by the next {@code grow}.
   */
  double[] sampleLeafValues() {
    return rowValue;
  }

  private boolean splittable(int rows, int depth) {
    return depth < maxDepth && rows >= 2L * minInstances;
  }

  /** Grows the node of rows {@code index[begin, end)}; {@code hist} is null if it cannot split. */
  private int grow(int begin, int end, int depth, double[] hist) {
    double sg = 0;
    double sh = 0;
    double sw = 0;
    for (int i = begin; i < end; i++) {
      int r = index[i];
      sg += g[r];
      sh += h[r];
      sw += w[r];
    }
    double value = -sg / (sh + lambda);
    int node = tree.add(value, sw);
    Split s = hist == null ? null : search.best(hist, sg, sh, end - begin);
    if (s == null) {
      for (int i = begin; i < end; i++) {
        rowValue[index[i]] = value;
      }
      return node;
    }
    int mid = partition(begin, end, s);
    boolean leftSplits = splittable(mid - begin, depth + 1);
    boolean rightSplits = splittable(end - mid, depth + 1);
    double[] leftHist = null;
    double[] rightHist = null;
    if (leftSplits || rightSplits) {
      boolean leftSmaller = mid - begin <= end - mid;
      double[] small = leftSmaller ? histogram(begin, mid) : histogram(mid, end);
      double[] large = null;
      if (leftSmaller ? rightSplits : leftSplits) {
        for (int k = 0; k < hist.length; k++) {
          hist[k] -= small[k];
        }
        large = hist;
      }
      leftHist = leftSmaller ? small : large;
      rightHist = leftSmaller ? large : small;
    }
    int l = grow(begin, mid, depth + 1, leftSplits ? leftHist : null);
    int r = grow(mid, end, depth + 1, rightSplits ? rightHist : null);
    tree.setSplit(node, s, l, r);
    return node;
  }

  /** Moves the rows going left to the front of the range, keeping order; returns the boundary. */
  private int partition(int begin, int end, Split s) {
    short[] column = bins.column(s.feature());
    int l = begin;
    int r = 0;
    for (int i = begin; i < end; i++) {
      int row = index[i];
      if (s.goesLeft(column[row])) {
        index[l++] = row;
      } else {
        scratch[r++] = row;
      }
    }
    System.arraycopy(scratch, 0, index, l, r);
    return l;
  }

  /** The histogram of the rows {@code index[begin, end)}: G, H and count per feature and bin. */
  private double[] histogram(int begin, int end) {
    int n = end - begin;
    for (int i = 0; i < n; i++) {
      int r = index[begin + i];
      orderedG[i] = g[r];
      orderedH[i] = h[r];
    }
    double[] hist = new double[3 * bins.totalSize()];
    int features = bins.features();
    int f = 0;
    // Two features per pass over the rows: each row's index and gradients are loaded once for both.
    for (; f + 1 < features; f += 2) {
      short[] c1 = bins.column(f);
      short[] c2 = bins.column(f + 1);
      int base1 = 3 * bins.offset(f);
      int base2 = 3 * bins.offset(f + 1);
      for (int i = 0; i < n; i++) {
        int r = index[begin + i];
        double gi = orderedG[i];
        double hi = orderedH[i];
        int k1 = base1 + 3 * c1[r];
        int k2 = base2 + 3 * c2[r];
        hist[k1] += gi;
        hist[k1 + 1] += hi;
        hist[k1 + 2] += 1;
        hist[k2] += gi;
        hist[k2 + 1] += hi;
        hist[k2 + 2] += 1;
      }
    }
    for (; f < features; f++) {
      short[] column = bins.column(f);
      int base = 3 * bins.offset(f);
      for (int i = 0; i < n; i++) {
        int k = base + 3 * column[index[begin + i]];
        hist[k] += orderedG[i];
        hist[k + 1] += orderedH[i];
        hist[k + 2] += 1;
      }
    }
    return hist;
  }
}
