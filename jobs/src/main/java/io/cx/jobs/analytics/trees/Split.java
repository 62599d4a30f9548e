package io.cx.jobs.analytics.trees;

/**
 * The best split of a node, in bins: on a continuous feature the rows with bin {@code <= bin} go
 * left (NaN's bin is after all others, so NaN goes right); on a categorical feature the rows whose
 * level is marked in {@code leftLevels} go left.
 *
 * @param feature the feature split on
 * @param bin the last bin going left (continuous features; -1 for categorical ones)
 * @param leftLevels the levels going left (categorical features; null for continuous ones)
 * @param gain the decrease of the second-order loss approximation
 */
record Split(int feature, int bin, boolean[] leftLevels, double gain) {

  boolean goesLeft(int rowBin) {
    return leftLevels == null ? rowBin <= bin : leftLevels[rowBin];
  }
}
