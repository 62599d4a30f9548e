package io.cx.jobs.analytics.shap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The one pass of {@link ShapSummary} over a partition: SHAP values of every row, summed per group
 * into one partial-aggregate row per group at the end of the partition, and, when asked, one
 * reasons row per input row (the kept columns and the top-k positive contributions). Rows stream
 * through; only the per-group sums are held.
 *
 * <p>Output rows follow {@link ShapSummary}'s internal schema: kind (0 = reasons row, 1 = partial
 * aggregate), group, n, sum of w·|SHAP|, sum of w·SHAP, the kept columns, top reasons, top
 * contributions, sum of weights w (1 per row without a weight column).
 */
final class ShapPartitions implements MapPartitionsFunction<Row, Row> {
  static final int ROW = 0;
  static final int AGGREGATE = 1;

  private final Broadcast<TreeEnsemble> model;
  private final String[] featureNames;
  private final String featuresCol;
  private final int featuresIdx;
  private final int groupIdx;
  private final String nullGroup;
  private final int topK;
  private final int[] keepIdx;
  private final String weightCol;
  private final int weightIdx;

  ShapPartitions(
      Broadcast<TreeEnsemble> model,
      String[] featureNames,
      String featuresCol,
      int featuresIdx,
      int groupIdx,
      String nullGroup,
      int topK,
      int[] keepIdx,
      String weightCol,
      int weightIdx) {
    this.model = model;
    this.featureNames = featureNames;
    this.featuresCol = featuresCol;
    this.featuresIdx = featuresIdx;
    this.groupIdx = groupIdx;
    this.nullGroup = nullGroup;
    this.topK = topK;
    this.keepIdx = keepIdx;
    this.weightCol = weightCol;
    this.weightIdx = weightIdx;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Pass(input);
  }

  /**
   * Fills {@code top} with the indices of the (at most {@code top.length}) largest strictly
   * positive values of {@code phi}, largest first; ties go to the lower index. Returns how many.
   */
  static int topPositive(double[] phi, int[] top) {
    int count = 0;
    for (int j = 0; j < phi.length; j++) {
      double v = phi[j];
      if (!(v > 0)) {
        continue;
      }
      int pos = count;
      while (pos > 0 && phi[top[pos - 1]] < v) {
        pos--;
      }
      if (pos >= top.length) {
        continue;
      }
      int last = Math.min(count, top.length - 1);
      System.arraycopy(top, pos, top, pos + 1, last - pos);
      top[pos] = j;
      count = Math.min(count + 1, top.length);
    }
    return count;
  }

  /** Per-group running sums. */
  private static final class Sums {
    long n;
    double weight;
    final double[] abs;
    final double[] signed;

    Sums(int m) {
      abs = new double[m];
      signed = new double[m];
    }
  }

  private final class Pass implements Iterator<Row> {
    private final Iterator<Row> input;
    private final TreeShap shap;
    private final int m;
    private final double[] dense;
    private final double[] phi;
    private final int[] top;
    private final Map<String, Sums> sums = new LinkedHashMap<>();
    private Iterator<Row> aggregates;

    Pass(Iterator<Row> input) {
      this.input = input;
      this.shap = new TreeShap(model.value());
      this.m = model.value().numFeatures();
      this.dense = new double[m];
      this.phi = new double[m];
      this.top = new int[Math.max(topK, 1)];
    }

    @Override
    public boolean hasNext() {
      if (aggregates == null) {
        if (topK > 0) {
          if (input.hasNext()) {
            return true;
          }
        } else {
          while (input.hasNext()) {
            process(input.next());
          }
        }
        aggregates = aggregateRows().iterator();
      }
      return aggregates.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return aggregates == null ? process(input.next()) : aggregates.next();
    }

    private Row process(Row row) {
      shap.values(features(row), phi);
      String group =
          groupIdx < 0 ? null : row.isNullAt(groupIdx) ? nullGroup : row.getString(groupIdx);
      Sums s = sums.computeIfAbsent(group == null ? "" : group, g -> new Sums(m));
      double w = weight(row);
      s.n++;
      s.weight += w;
      for (int i = 0; i < m; i++) {
        s.abs[i] += w * Math.abs(phi[i]);
        s.signed[i] += w * phi[i];
      }
      if (topK == 0) {
        return null;
      }
      int count = topPositive(phi, top);
      String[] reasons = new String[count];
      double[] contributions = new double[count];
      for (int i = 0; i < count; i++) {
        reasons[i] = featureNames[top[i]];
        contributions[i] = phi[top[i]];
      }
      Object[] out = new Object[5 + keepIdx.length + 3];
      out[0] = ROW;
      for (int i = 0; i < keepIdx.length; i++) {
        out[5 + i] = row.get(keepIdx[i]);
      }
      out[5 + keepIdx.length] = reasons;
      out[6 + keepIdx.length] = contributions;
      return RowFactory.create(out);
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

    private double[] features(Row row) {
      if (row.isNullAt(featuresIdx)) {
        throw new IllegalArgumentException(
            "Cannot compute SHAP values: null in features column '" + featuresCol + "'");
      }
      Vector v = (Vector) row.get(featuresIdx);
      if (v.size() != m) {
        throw new IllegalArgumentException(
            "Cannot compute SHAP values: column '"
                + featuresCol
                + "' holds a vector of size "
                + v.size()
                + ", the model expects "
                + m);
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

    private List<Row> aggregateRows() {
      List<Row> rows = new ArrayList<>(sums.size());
      for (Map.Entry<String, Sums> e : sums.entrySet()) {
        Object[] out = new Object[5 + keepIdx.length + 3];
        out[0] = AGGREGATE;
        out[1] = groupIdx < 0 ? null : e.getKey();
        out[2] = e.getValue().n;
        out[3] = e.getValue().abs;
        out[4] = e.getValue().signed;
        out[7 + keepIdx.length] = e.getValue().weight;
        rows.add(RowFactory.create(out));
      }
      return rows;
    }
  }
}
