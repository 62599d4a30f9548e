package io.cx.jobs.analytics.shap;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * SHAP summaries of a tree model over a Dataset, in one {@code mapPartitions} pass: the mean |SHAP|
 * (and mean signed SHAP) of each feature, overall and optionally per group (e.g. per segment), for
 * the driver job's importance; and, when asked, each row's top-k features by positive contribution,
 * for the churn job's per-customer reasons.
 *
 * <pre>{@code
 * Broadcast<TreeEnsemble> bc = jsc.broadcast(TreeEnsemble.fromModel(gbt));
 * try (ShapSummary.Result r =
 *     ShapSummary.of(bc, featureNames)
 *         .featuresCol("features")
 *         .groupBy("segment")
 *         .topReasons(3, "customer_id")
 *         .execute(scored)) {
 *   double importance = r.byGroup().get("smb").meanAbs("delivery_delay_hours");
 *   r.reasons().write()...;  // customer_id, top_reasons, top_contributions
 * }
 * }</pre>
 *
 * <p>How one pass serves both: each partition streams its reasons rows and, at its end, one
 * partial-sum row per group. When reasons are asked for, that output is persisted; {@code execute}
 * collects the (few) partial sums from it, and {@link Result#reasons()} reads the rows from the
 * same cache, so SHAP values are computed once. {@link Result#close()} releases the cache.
 *
 * <p>Configure, then call {@link #execute}; the input schema is checked first and a missing or
 * mistyped column fails at once with its name.
 */
public final class ShapSummary {
  /** Reasons column: feature names of the largest positive contributions, largest first. */
  public static final String TOP_REASONS = Cols.TOP_REASONS;

  /** Reasons column: the SHAP values of {@link #TOP_REASONS}, same order. */
  public static final String TOP_CONTRIBUTIONS = "top_contributions";

  /** The group rows with a null group value fall into unless told otherwise. */
  public static final String DEFAULT_NULL_GROUP = FeatureColumns.UNKNOWN_SEGMENT;

  private static final String KIND = "__shap_kind";
  private static final String GROUP = "__shap_group";
  private static final String N = "__shap_n";
  private static final String SUM_ABS = "__shap_sum_abs";
  private static final String SUM = "__shap_sum";
  private static final String WEIGHT = "__shap_weight";

  private final Broadcast<TreeEnsemble> model;
  private final List<String> featureNames;
  private String featuresCol = "features";
  private String groupCol;
  private String weightCol;
  private String nullGroup = DEFAULT_NULL_GROUP;
  private int topK;
  private List<String> keepCols = List.of();

  private ShapSummary(Broadcast<TreeEnsemble> model, List<String> featureNames) {
    this.model = model;
    this.featureNames = List.copyOf(featureNames);
  }

  /**
   * @param model the broadcast model to explain
   * @param featureNames one name per position of the features vector (driver ids)
   */
  public static ShapSummary of(Broadcast<TreeEnsemble> model, List<String> featureNames) {
    int m = model.value().numFeatures();
    if (featureNames.size() != m) {
      throw new IllegalArgumentException(
          "Cannot summarise SHAP: "
              + featureNames.size()
              + " feature names for a model of "
              + m
              + " features");
    }
    if (new LinkedHashSet<>(featureNames).size() != m) {
      throw new IllegalArgumentException(
          "Cannot summarise SHAP: feature names are not unique: " + featureNames);
    }
    return new ShapSummary(model, featureNames);
  }

  /** The vector column holding the model's features; default {@code features}. */
  public ShapSummary featuresCol(String column) {
    this.featuresCol = Objects.requireNonNull(column);
    return this;
  }

  /** Also summarise per value of this string column; nulls form group {@code "unknown"}. */
  public ShapSummary groupBy(String column) {
    return groupBy(column, DEFAULT_NULL_GROUP);
  }

  /** Also summarise per value of this string column; nulls form group {@code nullLabel}. */
  public ShapSummary groupBy(String column, String nullLabel) {
    this.groupCol = Objects.requireNonNull(column);
    this.nullGroup = Objects.requireNonNull(nullLabel);
    return this;
  }

  /**
   * Weigh each row by this numeric column (e.g. survey weights): the means become {@code Σ w·|φ| /
   * Σ w}. A null, negative or non-finite weight fails the pass with the column's name.
   */
  public ShapSummary weightCol(String column) {
    this.weightCol = Objects.requireNonNull(column);
    return this;
  }

  /**
   * Also produce, per row, the {@code k} features with the largest positive SHAP values (fewer when
   * fewer are positive), beside the {@code keepColumns} that identify the row.
   */
  public ShapSummary topReasons(int k, String... keepColumns) {
    if (k < 1) {
      throw new IllegalArgumentException("Cannot ask for top reasons: k must be >= 1, got " + k);
    }
    if (new LinkedHashSet<>(Arrays.asList(keepColumns)).size() != keepColumns.length) {
      throw new IllegalArgumentException(
          "Cannot keep columns " + Arrays.toString(keepColumns) + ": a column is named twice");
    }
    this.topK = k;
    this.keepCols = List.of(keepColumns);
    return this;
  }

  /** Runs the pass. */
  public Result execute(Dataset<Row> data) {
    StructType in = data.schema();
    int featuresIdx = fieldIndex(in, featuresCol, "features");
    if (!SQLDataTypes.VectorType().sameType(in.fields()[featuresIdx].dataType())) {
      throw new IllegalArgumentException(
          "Cannot summarise SHAP: column '"
              + featuresCol
              + "' must be a vector, it is "
              + in.fields()[featuresIdx].dataType().simpleString());
    }
    int groupIdx = -1;
    if (groupCol != null) {
      groupIdx = fieldIndex(in, groupCol, "group");
      if (!DataTypes.StringType.sameType(in.fields()[groupIdx].dataType())) {
        throw new IllegalArgumentException(
            "Cannot summarise SHAP: group column '" + groupCol + "' must be a string");
      }
    }
    int weightIdx = -1;
    if (weightCol != null) {
      weightIdx = fieldIndex(in, weightCol, "weight");
      if (!DataTypes.DoubleType.sameType(in.fields()[weightIdx].dataType())) {
        throw new IllegalArgumentException(
            "Cannot summarise SHAP: weight column '" + weightCol + "' must be a double");
      }
    }
    int[] keepIdx = new int[keepCols.size()];
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(KIND, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(GROUP, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(N, DataTypes.LongType, true));
    fields.add(DataTypes.createStructField(SUM_ABS, doubles(), true));
    fields.add(DataTypes.createStructField(SUM, doubles(), true));
    for (int i = 0; i < keepIdx.length; i++) {
      String name = keepCols.get(i);
      if (name.equals(TOP_REASONS)
          || name.equals(TOP_CONTRIBUTIONS)
          || name.startsWith("__shap_")) {
        throw new IllegalArgumentException(
            "Cannot keep column '" + name + "': the reasons output uses that name");
      }
      keepIdx[i] = fieldIndex(in, name, "kept");
      StructField f = in.fields()[keepIdx[i]];
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true, f.metadata()));
    }
    fields.add(
        DataTypes.createStructField(
            TOP_REASONS, DataTypes.createArrayType(DataTypes.StringType, false), true));
    fields.add(DataTypes.createStructField(TOP_CONTRIBUTIONS, doubles(), true));
    fields.add(DataTypes.createStructField(WEIGHT, DataTypes.DoubleType, true));
    StructType schema = DataTypes.createStructType(fields);

    ShapPartitions pass =
        new ShapPartitions(
            model,
            featureNames.toArray(new String[0]),
            featuresCol,
            featuresIdx,
            groupIdx,
            nullGroup,
            topK,
            keepIdx,
            weightCol,
            weightIdx);
    Dataset<Row> out = data.mapPartitions(pass, Encoders.row(schema));
    if (topK > 0) {
      out = out.persist(StorageLevel.MEMORY_AND_DISK());
    }
    List<Row> partials =
        out.filter(col(KIND).equalTo(ShapPartitions.AGGREGATE))
            .select(GROUP, N, SUM_ABS, SUM, WEIGHT)
            .collectAsList();
    return new Result(this, out, partials);
  }

  private static int fieldIndex(StructType schema, String name, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "Cannot summarise SHAP: no "
              + role
              + " column '"
              + name
              + "' in "
              + Arrays.toString(schema.fieldNames()));
    }
    return schema.fieldIndex(name);
  }

  private static org.apache.spark.sql.types.ArrayType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }

  /** What one pass found. Close it to release the cached reasons. */
  public static final class Result implements AutoCloseable {
    private final double expectedValue;
    private final ShapImportance overall;
    private final Map<String, ShapImportance> byGroup;
    private final Dataset<Row> output;
    private final boolean hasReasons;
    private final List<String> keepCols;

    private Result(ShapSummary s, Dataset<Row> output, List<Row> partials) {
      this.expectedValue = s.model.value().expectedValue();
      this.output = output;
      this.hasReasons = s.topK > 0;
      this.keepCols = s.keepCols;
      int m = s.featureNames.size();
      Map<String, double[][]> sums = new TreeMap<>();
      Map<String, long[]> counts = new TreeMap<>();
      Map<String, double[]> weights = new TreeMap<>();
      double[][] total = new double[2][m];
      long totalN = 0;
      double totalWeight = 0;
      for (Row p : partials) {
        String group = p.isNullAt(0) ? "" : p.getString(0);
        long n = p.getLong(1);
        List<Double> abs = p.getList(2);
        List<Double> signed = p.getList(3);
        double[][] g = sums.computeIfAbsent(group, k -> new double[2][m]);
        counts.computeIfAbsent(group, k -> new long[1])[0] += n;
        weights.computeIfAbsent(group, k -> new double[1])[0] += p.getDouble(4);
        totalWeight += p.getDouble(4);
        for (int i = 0; i < m; i++) {
          g[0][i] += abs.get(i);
          g[1][i] += signed.get(i);
          total[0][i] += abs.get(i);
          total[1][i] += signed.get(i);
        }
        totalN += n;
      }
      this.overall = new ShapImportance(s.featureNames, totalN, totalWeight, total[0], total[1]);
      Map<String, ShapImportance> groups = new TreeMap<>();
      if (s.groupCol != null) {
        for (Map.Entry<String, double[][]> e : sums.entrySet()) {
          long n = counts.get(e.getKey())[0];
          double w = weights.get(e.getKey())[0];
          groups.put(
              e.getKey(),
              new ShapImportance(s.featureNames, n, w, e.getValue()[0], e.getValue()[1]));
        }
      }
      this.byGroup = Collections.unmodifiableMap(groups);
    }

    /** The model's base value (expected output); prediction = base + sum of SHAP values. */
    public double expectedValue() {
      return expectedValue;
    }

    /** Importance over all rows. */
    public ShapImportance overall() {
      return overall;
    }

    /** Importance per group value, sorted by group; empty without {@link #groupBy}. */
    public Map<String, ShapImportance> byGroup() {
      return byGroup;
    }

    /**
     * One row per input row: the kept columns, {@value #TOP_REASONS} (array of feature names) and
     * {@value #TOP_CONTRIBUTIONS} (array of their SHAP values), largest first.
     *
     * @throws IllegalStateException if {@link #topReasons} was not asked for
     */
    public Dataset<Row> reasons() {
      if (!hasReasons) {
        throw new IllegalStateException("No reasons: call topReasons(k, ...) before execute");
      }
      List<Column> cols = new ArrayList<>();
      for (String c : keepCols) {
        cols.add(col("`" + c.replace("`", "``") + "`"));
      }
      cols.add(col(TOP_REASONS));
      cols.add(col(TOP_CONTRIBUTIONS));
      return output
          .filter(col(KIND).equalTo(ShapPartitions.ROW))
          .select(cols.toArray(new Column[0]));
    }

    /** Releases the cached pass output; {@link #reasons()} would recompute it afterwards. */
    @Override
    public void close() {
      if (hasReasons) {
        output.unpersist(false);
      }
    }
  }
}
