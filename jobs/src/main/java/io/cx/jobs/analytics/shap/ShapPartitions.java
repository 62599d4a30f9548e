package io.cx.jobs.analytics.shap;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The one pass of {@link ShapSummary} over a partition: the SHAP values of every row, summed into
 * the feature sums and scaled, then added to the running sums of all rows and of the row's group.
 * Rows stream through; only the sums are held, and the partition yields them as one {@link
 * Partial}.
 */
final class ShapPartitions implements FlatMapFunction<Iterator<Row>, ShapPartitions.Partial> {
  private static final long serialVersionUID = 1L;

  /**
   * What one partition found.
   *
   * @param overall sums over all its rows
   * @param byGroup sums per group value, in order of first appearance (empty without a group)
   */
  record Partial(ShapSums overall, LinkedHashMap<String, ShapSums> byGroup)
      implements Serializable {}

  private final Broadcast<TreeEnsemble> model;
  private final int[][] members;
  private final int[] valueIdx;
  private final int[] missingIdx;
  private final double scale;
  private final String featuresCol;
  private final int featuresIdx;
  private final int groupIdx;
  private final String nullGroup;
  private final String weightCol;
  private final int weightIdx;

  /**
   * @param members per feature sum, the positions of its features in the vector, in order
   * @param valueIdx per feature sum, the position of its value feature, or -1
   * @param missingIdx per feature sum, the position of its missing indicator, or -1
   * @param scale factor applied to each sum of SHAP values
   * @param groupIdx position of the group column, or -1
   * @param weightIdx position of the weight column, or -1 (every row weighs 1)
   */
  ShapPartitions(
      Broadcast<TreeEnsemble> model,
      int[][] members,
      int[] valueIdx,
      int[] missingIdx,
      double scale,
      String featuresCol,
      int featuresIdx,
      int groupIdx,
      String nullGroup,
      String weightCol,
      int weightIdx) {
    this.model = model;
    this.members = members;
    this.valueIdx = valueIdx;
    this.missingIdx = missingIdx;
    this.scale = scale;
    this.featuresCol = featuresCol;
    this.featuresIdx = featuresIdx;
    this.groupIdx = groupIdx;
    this.nullGroup = nullGroup;
    this.weightCol = weightCol;
    this.weightIdx = weightIdx;
  }

  @Override
  public Iterator<Partial> call(Iterator<Row> rows) {
    TreeEnsemble ensemble = model.value();
    TreeShap shap = new TreeShap(ensemble);
    int m = ensemble.numFeatures();
    int k = members.length;
    double[] dense = new double[m];
    double[] phi = new double[m];
    double[] c = new double[k];
    ShapSums overall = new ShapSums(k);
    LinkedHashMap<String, ShapSums> byGroup = new LinkedHashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      double[] x = features(row, dense);
      shap.values(x, phi);
      sum(phi, c);
      double w = weight(row);
      overall.add(w, x, c, valueIdx, missingIdx);
      if (groupIdx >= 0) {
        String group = row.isNullAt(groupIdx) ? nullGroup : row.getString(groupIdx);
        byGroup.computeIfAbsent(group, g -> new ShapSums(k)).add(w, x, c, valueIdx, missingIdx);
      }
    }
    return List.of(new Partial(overall, byGroup)).iterator();
  }

  /** Each feature sum's SHAP value: its features' values added in order, then scaled. */
  private void sum(double[] phi, double[] c) {
    for (int g = 0; g < c.length; g++) {
      double s = 0;
      for (int j : members[g]) {
        s += phi[j];
      }
      c[g] = s * scale;
    }
  }

  private double weight(Row row) {
    if (weightIdx < 0) {
      return 1.0;
    }
    double w = row.isNullAt(weightIdx) ? Double.NaN : row.getDouble(weightIdx);
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException(
          "Cannot compute SHAP summaries: weight column '"
              + weightCol
              + "' holds "
              + (row.isNullAt(weightIdx) ? "null" : String.valueOf(w))
              + "; weights must be finite and >= 0");
    }
    return w;
  }

  private double[] features(Row row, double[] dense) {
    if (row.isNullAt(featuresIdx)) {
      throw new IllegalArgumentException(
          "Cannot compute SHAP values: null in features column '" + featuresCol + "'");
    }
    Vector v = (Vector) row.get(featuresIdx);
    if (v.size() != dense.length) {
      throw new IllegalArgumentException(
          "Cannot compute SHAP values: column '"
              + featuresCol
              + "' holds a vector of size "
              + v.size()
              + ", the model expects "
              + dense.length);
    }
    if (v instanceof DenseVector) {
      return ((DenseVector) v).values();
    }
    SparseVector sv = (SparseVector) v;
    Arrays.fill(dense, 0.0);
    int[] idx = sv.indices();
    double[] vals = sv.values();
    for (int i = 0; i < idx.length; i++) {
      dense[idx[i]] = vals[i];
    }
    return dense;
  }
}
