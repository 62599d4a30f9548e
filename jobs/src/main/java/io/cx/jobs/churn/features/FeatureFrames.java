package io.cx.jobs.churn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Adds model columns to rows, partition by partition (order and partitioning kept): the feature
 * vector for MLlib ({@link #FEATURES}), or scores of it (margins, probabilities).
 */
public final class FeatureFrames {
  public static final String FEATURES = "features";

  private FeatureFrames() {}

  /** The {@code keep} columns plus {@link #FEATURES}. */
  public static Dataset<Row> vectors(Dataset<Row> rows, Vectorizer v, List<String> keep) {
    Vectorizer.Bound bound = v.bind(rows.schema());
    int[] keepIdx = indices(rows.schema(), keep);
    List<StructField> fields = kept(rows.schema(), keepIdx);
    fields.add(DataTypes.createStructField(FEATURES, SQLDataTypes.VectorType(), false));
    MapPartitionsFunction<Row, Row> f =
        it ->
            map(
                it,
                r -> {
                  Object[] out = copy(r, keepIdx, 1);
                  out[keepIdx.length] = Vectors.dense(bound.vector(r));
                  return RowFactory.create(out);
                });
    return rows.mapPartitions(f, Encoders.row(DataTypes.createStructType(fields)));
  }

  /** A score of a feature vector: a model's margin, a calibrated probability. */
  public interface VectorScore extends java.io.Serializable {
    double of(double[] x);
  }

  /** The {@code keep} columns plus one score column per function, named as given. */
  public static Dataset<Row> scores(
      Dataset<Row> rows,
      Vectorizer v,
      List<String> keep,
      List<VectorScore> functions,
      List<String> names) {
    Vectorizer.Bound bound = v.bind(rows.schema());
    int[] keepIdx = indices(rows.schema(), keep);
    List<StructField> fields = kept(rows.schema(), keepIdx);
    names.forEach(n -> fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false)));
    VectorScore[] ms = functions.toArray(new VectorScore[0]);
    MapPartitionsFunction<Row, Row> f =
        it ->
            map(
                it,
                r -> {
                  Object[] out = copy(r, keepIdx, ms.length);
                  double[] x = bound.vector(r);
                  for (int m = 0; m < ms.length; m++) {
                    out[keepIdx.length + m] = ms[m].of(x);
                  }
                  return RowFactory.create(out);
                });
    return rows.mapPartitions(f, Encoders.row(DataTypes.createStructType(fields)));
  }

  static int[] indices(StructType schema, List<String> names) {
    List<String> all = Arrays.asList(schema.fieldNames());
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = all.indexOf(names.get(i));
      if (idx[i] < 0) {
        throw new IllegalArgumentException("No column " + names.get(i) + " in " + all);
      }
    }
    return idx;
  }

  private static List<StructField> kept(StructType schema, int[] idx) {
    List<StructField> fields = new ArrayList<>();
    for (int i : idx) {
      StructField f = schema.fields()[i];
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return fields;
  }

  private static Object[] copy(Row r, int[] keepIdx, int extra) {
    Object[] out = new Object[keepIdx.length + extra];
    for (int i = 0; i < keepIdx.length; i++) {
      out[i] = r.get(keepIdx[i]);
    }
    return out;
  }

  /** A row mapper that can be shipped to executors. */
  public interface RowMapper extends java.io.Serializable {
    Row apply(Row r);
  }

  public static Iterator<Row> map(Iterator<Row> it, RowMapper f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        return f.apply(it.next());
      }
    };
  }
}
