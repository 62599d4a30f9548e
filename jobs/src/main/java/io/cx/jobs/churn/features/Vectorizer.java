package io.cx.jobs.churn.features;

import io.cx.common.contract.Cols;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A {@link FeaturePlan} fitted on the training rows: turns a journey_features row into the model's
 * feature vector. Per input, in plan order: its value (null replaced by the training mean, times
 * the input's scale), then, if it has one, its not-answered indicator; then one 0/1 feature per
 * segment level.
 *
 * <p>Rows are read in two steps so that what-if scenarios can change inputs in between: {@link
 * Bound#raw(Row)} gives the scaled-free input values (NaN for null), {@link #vector(double[],
 * String)} the features.
 */
public final class Vectorizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<FeaturePlan.Input> inputs;
  private final double[] means;
  private final List<String> levels;
  private final int[] position;
  private final int size;
  private final List<String> names;
  private final List<FeatureGroup> groups;

  public Vectorizer(List<FeaturePlan.Input> inputs, double[] means, List<String> levels) {
    this.inputs = List.copyOf(inputs);
    this.means = means.clone();
    this.levels = List.copyOf(levels);
    this.position = new int[inputs.size()];
    List<String> n = new ArrayList<>();
    List<FeatureGroup> g = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      FeaturePlan.Input in = inputs.get(i);
      position[i] = n.size();
      n.add(in.column());
      int[] members =
          in.indicator() ? new int[] {n.size() - 1, n.size()} : new int[] {n.size() - 1};
      if (in.indicator()) {
        n.add(in.column() + ":missing");
      }
      g.add(new FeatureGroup(in.group(), in.kind(), members, position[i]));
    }
    if (!levels.isEmpty()) {
      int[] members = new int[levels.size()];
      for (int l = 0; l < levels.size(); l++) {
        members[l] = n.size();
        n.add(Cols.SEGMENT + "=" + levels.get(l));
      }
      g.add(new FeatureGroup(FeaturePlan.SEGMENT_GROUP, FeatureGroup.Kind.CUSTOMER, members, -1));
    }
    this.size = n.size();
    this.names = List.copyOf(n);
    this.groups = List.copyOf(g);
  }

  /** Length of the feature vector. */
  public int size() {
    return size;
  }

  /** One name per feature: the input column, {@code <column>:missing}, {@code segment=<level>}. */
  public List<String> featureNames() {
    return names;
  }

  /** The drivers, in plan order, segment last. */
  public List<FeatureGroup> groups() {
    return groups;
  }

  public List<FeaturePlan.Input> inputs() {
    return inputs;
  }

  public List<String> segmentLevels() {
    return levels;
  }

  /** The imputation value of each input (training mean, scaled). */
  public double[] means() {
    return means.clone();
  }

  /** Position of a column among the raw inputs, or -1. */
  public int rawIndex(String column) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).column().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The feature vector of raw input values (NaN for null) and a segment (may be null). */
  public double[] vector(double[] raw, String segment) {
    double[] x = new double[size];
    for (int i = 0; i < inputs.size(); i++) {
      FeaturePlan.Input in = inputs.get(i);
      boolean missing = Double.isNaN(raw[i]);
      x[position[i]] = missing ? means[i] : raw[i] * in.scale();
      if (in.indicator()) {
        x[position[i] + 1] = missing ? 1.0 : 0.0;
      }
    }
    if (segment != null) {
      int l = levels.indexOf(segment);
      if (l >= 0) {
        x[size - levels.size() + l] = 1.0;
      }
    }
    return x;
  }

  /** Binds the inputs to a schema's column positions; fails naming a missing column. */
  public Bound bind(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    int[] idx = new int[inputs.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = names.indexOf(inputs.get(i).column());
      if (idx[i] < 0) {
        throw new IllegalArgumentException(
            "Cannot build churn features: no column " + inputs.get(i).column() + " in " + names);
      }
    }
    return new Bound(idx, names.indexOf(Cols.SEGMENT));
  }

  /** The vectorizer bound to the column positions of one schema. */
  public final class Bound implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] idx;
    private final int segmentIdx;

    private Bound(int[] idx, int segmentIdx) {
      this.idx = idx;
      this.segmentIdx = segmentIdx;
    }

    Vectorizer vectorizer() {
      return Vectorizer.this;
    }

    /** The raw input values of a row: NaN for null or non-finite. */
    public double[] raw(Row r) {
      double[] v = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        if (r.isNullAt(idx[i])) {
          v[i] = Double.NaN;
        } else {
          double d = ((Number) r.get(idx[i])).doubleValue();
          v[i] = Double.isFinite(d) ? d : Double.NaN;
        }
      }
      return v;
    }

    /** The row's segment, or null. */
    public String segment(Row r) {
      return segmentIdx < 0 || r.isNullAt(segmentIdx) ? null : r.getString(segmentIdx);
    }

    /** The feature vector of a row. */
    public double[] vector(Row r) {
      return Vectorizer.this.vector(raw(r), segment(r));
    }
  }
}
