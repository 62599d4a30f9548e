package io.cx.jobs.analytics.trees;

import io.cx.jobs.analytics.shap.TreeEnsembleBuilder;
import java.util.Arrays;

/**
 * One fitted tree with its splits still in bins: the form the fit routes training rows through.
 * Nodes are numbered in the order they are made (a node before its children); {@link #addTo} copies
 * the tree into a {@link TreeEnsembleBuilder} with value thresholds.
 */
final class BinnedTree {
  private int size;
  private Split[] split = new Split[16];
  private int[] left = new int[16];
  private int[] right = new int[16];
  private double[] value = new double[16];
  private double[] cover = new double[16];

  /** A new node, a leaf until {@link #setSplit} makes it internal. */
  int add(double leafValue, double nodeCover) {
    if (size == split.length) {
      int cap = 2 * size;
      split = Arrays.copyOf(split, cap);
      left = Arrays.copyOf(left, cap);
      right = Arrays.copyOf(right, cap);
      value = Arrays.copyOf(value, cap);
      cover = Arrays.copyOf(cover, cap);
    }
    value[size] = leafValue;
    cover[size] = nodeCover;
    return size++;
  }

  void setSplit(int node, Split s, int leftChild, int rightChild) {
    split[node] = s;
    left[node] = leftChild;
    right[node] = rightChild;
    value[node] = 0;
  }

  int leaves() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      n += split[i] == null ? 1 : 0;
    }
    return n;
  }

  /** The leaf value that training row {@code row} reaches. */
  double predict(FeatureBins bins, int row) {
    int node = 0;
    while (split[node] != null) {
      Split s = split[node];
      node = s.goesLeft(bins.column(s.feature())[row]) ? left[node] : right[node];
    }
    return value[node];
  }

  /** Adds the tree's nodes to {@code b}, children first; returns the root's id in {@code b}. */
  int addTo(TreeEnsembleBuilder b, FeatureBins bins) {
    return addTo(b, bins, 0);
  }

  private int addTo(TreeEnsembleBuilder b, FeatureBins bins, int node) {
    Split s = split[node];
    if (s == null) {
      return b.leaf(value[node], cover[node]);
    }
    int l = addTo(b, bins, left[node]);
    int r = addTo(b, bins, right[node]);
    int f = s.feature();
    if (s.leftLevels() == null) {
      return b.split(f, bins.threshold(f, s.bin()), l, r, cover[node]);
    }
    double[] levels = new double[bins.levels(f)];
    int n = 0;
    for (int c = 0; c < levels.length; c++) {
      if (s.leftLevels()[c]) {
        levels[n++] = c;
      }
    }
    return b.categoricalSplit(f, Arrays.copyOf(levels, n), bins.levels(f), l, r, cover[node]);
  }
}
