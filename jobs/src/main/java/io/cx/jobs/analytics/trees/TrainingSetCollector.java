package io.cx.jobs.analytics.trees;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Gathers a Spark training set (an MLlib features vector column, a label column and optionally a
 * weight column) into an in-memory {@link TrainingSet} on the driver, with one {@code collect}, and
 * says beforehand whether that fits in memory.
 *
 * <p>Memory, for {@code n} rows and {@code p} features: while collecting, Spark's rows (about
 * {@code 16 p + 200} bytes each: the row, its vector, the boxed label and weight, and the
 * serialized result they are read from) and the columns being filled ({@code 8 p + 16}); while
 * fitting, the columns, the bins ({@code 2 p}) and the fit's per-row arrays ({@code 48}). The peak
 * is the first: {@link #estimateBytes} = {@code n (24 p + 216)}, about 94 MB for 100 000 rows of 30
 * features.
 *
 * <p>Which features are categorical comes from the vector column's ML attribute metadata, as MLlib
 * reads it: a {@link NominalAttribute} with {@code k} values is categorical with {@code k} levels,
 * a {@link BinaryAttribute} has 2 levels, anything else (or no metadata) is continuous.
 */
public final class TrainingSetCollector {
  private static final long MAX_ROWS = Integer.MAX_VALUE - 8;

  private TrainingSetCollector() {}

  /** The peak bytes of collecting {@code rows} rows of {@code features} features and fitting. */
  public static long estimateBytes(long rows, int features) {
    return rows * (24L * features + 216);
  }

  /** Whether {@link #estimateBytes} is within {@code budgetBytes} and the rows fit in arrays. */
  public static boolean fitsInMemory(long rows, int features, long budgetBytes) {
    return rows <= MAX_ROWS && estimateBytes(rows, features) <= budgetBytes;
  }

  /** The share of the driver's maximum heap a training set collected to it may take. */
  public static final double DRIVER_HEAP_SHARE = 0.25;

  /**
   * Whether {@code rows} rows of {@code features} features fit in {@value #DRIVER_HEAP_SHARE} of
   * this JVM's maximum heap: callers fit in memory when they do, with MLlib across the cluster when
   * they do not.
   */
  public static boolean fitsInDriverHeap(long rows, int features) {
    return fitsInMemory(
        rows, features, (long) (Runtime.getRuntime().maxMemory() * DRIVER_HEAP_SHARE));
  }

  /**
   * Collects {@code rows} to the driver.
   *
   * @param weightCol the instance weight column, or null for weight 1 on every row
   * @throws IllegalArgumentException if a column is missing or mistyped (before any data moves), or
   *     a row holds a null, a vector of another length, or a value {@link TrainingSet} refuses
   */
  public static TrainingSet collect(
      Dataset<Row> rows, String featuresCol, String labelCol, String weightCol) {
    StructType schema = rows.schema();
    StructField features = field(schema, featuresCol);
    if (!features.dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "Cannot collect training set: column '"
              + featuresCol
              + "' is "
              + features.dataType().simpleString()
              + ", not an MLlib vector");
    }
    numeric(schema, labelCol);
    if (weightCol != null) {
      numeric(schema, weightCol);
    }
    int[] levels = levels(features);
    List<Row> collected =
        rows.select(
                col(featuresCol),
                col(labelCol).cast("double"),
                weightCol == null ? lit(1.0) : col(weightCol).cast("double"))
            .collectAsList();
    if (collected.isEmpty()) {
      throw new IllegalArgumentException("Cannot collect training set: no rows");
    }
    int n = collected.size();
    int p = levels != null ? levels.length : width(collected.get(0), featuresCol);
    double[][] columns = new double[p][n];
    double[] labels = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = collected.get(i);
      int width = width(r, featuresCol);
      if (width != p) {
        throw new IllegalArgumentException(
            "Cannot collect training set: row "
                + i
                + " of '"
                + featuresCol
                + "' has "
                + width
                + " features, expected "
                + p);
      }
      double[] x = ((Vector) r.get(0)).toArray();
      for (int f = 0; f < p; f++) {
        columns[f][i] = x[f];
      }
      labels[i] = value(r, 1, i, labelCol);
      weights[i] = value(r, 2, i, weightCol);
    }
    return TrainingSet.ofColumns(columns, labels, weights, levels);
  }

  private static StructField field(StructType schema, String name) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "Cannot collect training set: no column '"
              + name
              + "' in "
              + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(name);
  }

  private static void numeric(StructType schema, String name) {
    StructField f = field(schema, name);
    if (!(f.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException(
          "Cannot collect training set: column '"
              + name
              + "' is "
              + f.dataType().simpleString()
              + ", not numeric");
    }
  }

  /** Levels per feature from the ML attribute metadata, or null if it names no attributes. */
  private static int[] levels(StructField features) {
    AttributeGroup group = AttributeGroup.fromStructField(features);
    if (group.attributes().isEmpty()) {
      return null;
    }
    Attribute[] attributes = group.attributes().get();
    int[] levels = new int[attributes.length];
    for (int f = 0; f < attributes.length; f++) {
      Attribute a = attributes[f];
      if (a instanceof NominalAttribute) {
        NominalAttribute nominal = (NominalAttribute) a;
        if (nominal.getNumValues().isEmpty()) {
          throw new IllegalArgumentException(
              "Cannot collect training set: categorical feature "
                  + f
                  + " ("
                  + (a.name().isDefined() ? a.name().get() : "unnamed")
                  + ") does not say its number of values");
        }
        levels[f] = (Integer) nominal.getNumValues().get();
      } else if (a instanceof BinaryAttribute) {
        levels[f] = 2;
      }
    }
    return levels;
  }

  private static int width(Row r, String featuresCol) {
    if (r.isNullAt(0)) {
      throw new IllegalArgumentException(
          "Cannot collect training set: a row has a null '" + featuresCol + "'");
    }
    return ((Vector) r.get(0)).size();
  }

  private static double value(Row r, int index, int row, String column) {
    if (r.isNullAt(index)) {
      throw new IllegalArgumentException(
          "Cannot collect training set: row " + row + " has a null '" + column + "'");
    }
    return r.getDouble(index);
  }
}
