package io.cx.jobs.analytics.trees;

import java.util.Arrays;

/**
 * The rows a {@link GradientBoostedTrees} fit learns from, held in memory column by column: one
 * {@code double[]} per feature, the labels, the instance weights, and which features are
 * categorical.
 *
 * <p>Checked once, when built: every column has one value per row; continuous values are finite or
 * NaN (a NaN takes the right branch of every split, as in {@code TreeEnsemble}); a categorical
 * feature with {@code k} levels holds the integers {@code 0 .. k-1} as doubles (MLlib's {@code
 * NominalAttribute} encoding) and no NaN; labels are finite; weights are positive and finite (a
 * zero weight would leave a node without cover, which TreeSHAP divides by).
 *
 * <p>The arrays are taken as they are, not copied: do not change them while a fit runs.
 */
public final class TrainingSet {
  /** The largest number of levels a categorical feature may have. */
  public static final int MAX_LEVELS = 4096;

  private final double[][] columns;
  private final double[] labels;
  private final double[] weights;
  private final int[] levels;

  private TrainingSet(double[][] columns, double[] labels, double[] weights, int[] levels) {
    this.columns = columns;
    this.labels = labels;
    this.weights = weights;
    this.levels = levels;
  }

  /**
   * A training set from feature columns.
   *
   * @param columns {@code columns[f][row]}, at least one feature and one row
   * @param labels one per row
   * @param weights one per row, or null for weight 1 on every row
   * @param levels one per feature: 0 for a continuous feature, {@code k >= 1} for a categorical one
   *     with levels {@code 0 .. k-1}; null when all features are continuous
   */
  public static TrainingSet ofColumns(
      double[][] columns, double[] labels, double[] weights, int[] levels) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("Cannot build training set: no features");
    }
    int rows = labels.length;
    if (rows == 0) {
      throw new IllegalArgumentException("Cannot build training set: no rows");
    }
    double[] w = weights;
    if (w == null) {
      w = new double[rows];
      Arrays.fill(w, 1.0);
    }
    int[] lv = levels == null ? new int[columns.length] : levels;
    if (w.length != rows) {
      throw new IllegalArgumentException(
          "Cannot build training set: " + rows + " labels but " + w.length + " weights");
    }
    if (lv.length != columns.length) {
      throw new IllegalArgumentException(
          "Cannot build training set: "
              + columns.length
              + " features but "
              + lv.length
              + " entries in levels");
    }
    for (int i = 0; i < rows; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException(
            "Cannot build training set: label of row " + i + " is " + labels[i]);
      }
      if (!(w[i] > 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException(
            "Cannot build training set: weight of row "
                + i
                + " must be positive and finite, got "
                + w[i]);
      }
    }
    for (int f = 0; f < columns.length; f++) {
      checkColumn(f, columns[f], rows, lv[f]);
    }
    return new TrainingSet(columns, labels, w, lv);
  }

  /**
   * A training set from rows, {@code x[row][feature]}; copies the values into columns. Arguments as
   * in {@link #ofColumns}.
   */
  public static TrainingSet ofRows(double[][] x, double[] labels, double[] weights, int[] levels) {
    if (x.length != labels.length) {
      throw new IllegalArgumentException(
          "Cannot build training set: " + x.length + " rows but " + labels.length + " labels");
    }
    int features = x.length == 0 ? 0 : x[0].length;
    double[][] columns = new double[features][x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != features) {
        throw new IllegalArgumentException(
            "Cannot build training set: row "
                + i
                + " has "
                + x[i].length
                + " features, row 0 has "
                + features);
      }
      for (int f = 0; f < features; f++) {
        columns[f][i] = x[i][f];
      }
    }
    return ofColumns(columns, labels, weights, levels);
  }

  private static void checkColumn(int f, double[] column, int rows, int levels) {
    if (column.length != rows) {
      throw new IllegalArgumentException(
          "Cannot build training set: feature "
              + f
              + " has "
              + column.length
              + " values for "
              + rows
              + " rows");
    }
    if (levels < 0 || levels > MAX_LEVELS) {
      throw new IllegalArgumentException(
          "Cannot build training set: feature "
              + f
              + " has "
              + levels
              + " levels; expected 0 (continuous) to "
              + MAX_LEVELS);
    }
    for (int i = 0; i < rows; i++) {
      double v = column[i];
      if (levels == 0 && Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "Cannot build training set: feature " + f + " of row " + i + " is " + v);
      }
      if (levels > 0 && !(v >= 0 && v < levels && v == Math.rint(v))) {
        throw new IllegalArgumentException(
            "Cannot build training set: categorical feature "
                + f
                + " of row "
                + i
                + " is "
                + v
                + ", not a level in 0 .. "
                + (levels - 1));
      }
    }
  }

  public int rows() {
    return labels.length;
  }

  public int features() {
    return columns.length;
  }

  /** The values of feature {@code f}, one per row (the caller's array; do not change it). */
  double[] column(int f) {
    return columns[f];
  }

  double[] labels() {
    return labels;
  }

  double[] weights() {
    return weights;
  }

  /** 0 if feature {@code f} is continuous, else its number of levels. */
  public int levels(int f) {
    return levels[f];
  }

  public boolean isCategorical(int f) {
    return levels[f] > 0;
  }

  /** The label of one row. */
  public double label(int row) {
    return labels[row];
  }

  /** The weight of one row (1 when no weights were given). */
  public double weight(int row) {
    return weights[row];
  }

  /** The value of feature {@code f} in one row. */
  public double value(int row, int f) {
    return columns[f][row];
  }
}
