package io.cx.jobs.analytics.shap;

import io.cx.common.contract.FeatureColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * SHAP summaries of a tree model over a Dataset, in one pass: the mean |SHAP| (and mean signed
 * SHAP) of each feature, overall and optionally per group (e.g. per segment), for the importance
 * that the driver and churn jobs report as method {@code shap_gbt}.
 *
 * <pre>{@code
 * Broadcast<TreeEnsemble> bc = jsc.broadcast(TreeEnsemble.fromModel(gbt));
 * ShapSummary.Result r =
 *     ShapSummary.of(bc, featureNames)
 *         .featuresCol("features")
 *         .groupBy("segment")
 *         .execute(scored);
 * double importance = r.byGroup().get("smb").meanAbs("delivery_delay_hours");
 * }</pre>
 *
 * <p>A driver made of several features (a touchpoint's score and its not-answered indicator) is
 * summarised as their sum ({@link #sumFeatures}), with the moments of its value that give its
 * direction and performance; {@link #scale} turns SHAP values into the units reported (2 for the
 * log-odds of an MLlib GBT classifier, whose margin is half of them).
 *
 * <p>Each partition streams its rows and yields one set of sums (overall and per group); the sums
 * are merged on the driver in partition order, so the same partitions give the same bits on every
 * run. Configure, then call {@link #execute}; the input schema is checked first and a missing or
 * mistyped column fails at once with its name.
 */
public final class ShapSummary {
  /** The group rows with a null group value fall into unless told otherwise. */
  public static final String DEFAULT_NULL_GROUP = FeatureColumns.UNKNOWN_SEGMENT;

  private final Broadcast<TreeEnsemble> model;
  private final List<String> featureNames;
  private List<FeatureSum> sums;
  private double scale = 1.0;
  private String featuresCol = "features";
  private String groupCol;
  private String weightCol;
  private String nullGroup = DEFAULT_NULL_GROUP;

  private ShapSummary(Broadcast<TreeEnsemble> model, List<String> featureNames) {
    this.model = model;
    this.featureNames = List.copyOf(featureNames);
    this.sums = featureNames.stream().map(FeatureSum::of).toList();
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

  /**
   * Summarise these feature sums instead of the single features: the SHAP value of each is the sum
   * of its features' SHAP values, and the results are named and ordered as {@code sums}. Features
   * in no sum are left out.
   */
  public ShapSummary sumFeatures(List<FeatureSum> featureSums) {
    if (featureSums.isEmpty()) {
      throw new IllegalArgumentException("Cannot summarise SHAP: no feature sums");
    }
    Set<String> names = new LinkedHashSet<>();
    for (FeatureSum s : featureSums) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException(
            "Cannot summarise SHAP: feature sum '" + s.name() + "' is named twice");
      }
      List<String> used = new ArrayList<>(s.features());
      used.add(s.valueFeature());
      used.add(s.missingIndicator());
      for (String f : used) {
        if (f != null && !featureNames.contains(f)) {
          throw new IllegalArgumentException(
              "Cannot summarise SHAP: feature sum '"
                  + s.name()
                  + "' names unknown feature '"
                  + f
                  + "'; features are "
                  + featureNames);
        }
      }
    }
    this.sums = List.copyOf(featureSums);
    return this;
  }

  /** Multiply every (summed) SHAP value by {@code factor}, finite and > 0; default 1. */
  public ShapSummary scale(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "Cannot scale SHAP values by " + factor + ": the factor must be finite and > 0");
    }
    this.scale = factor;
    return this;
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
    int k = sums.size();
    int[][] members = new int[k][];
    int[] valueIdx = new int[k];
    int[] missingIdx = new int[k];
    for (int g = 0; g < k; g++) {
      FeatureSum s = sums.get(g);
      members[g] = s.features().stream().mapToInt(featureNames::indexOf).toArray();
      valueIdx[g] = s.valueFeature() == null ? -1 : featureNames.indexOf(s.valueFeature());
      missingIdx[g] =
          s.missingIndicator() == null ? -1 : featureNames.indexOf(s.missingIndicator());
    }
    ShapPartitions pass =
        new ShapPartitions(
            model,
            members,
            valueIdx,
            missingIdx,
            scale,
            featuresCol,
            featuresIdx,
            groupIdx,
            nullGroup,
            weightCol,
            weightIdx);
    List<ShapPartitions.Partial> partials = data.javaRDD().mapPartitions(pass).collect();
    return new Result(this, partials);
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

  /** What one pass found. */
  public static final class Result {
    private final double expectedValue;
    private final ShapImportance overall;
    private final Map<String, ShapImportance> byGroup;
    // The sums behind the importances, which CrossFittedShap pools over folds.
    final List<String> names;
    final boolean[] hasValue;
    final ShapSums totalSums;
    final Map<String, ShapSums> groupSums;

    /** Merges the partitions' sums in partition order. */
    private Result(ShapSummary s, List<ShapPartitions.Partial> partials) {
      this.expectedValue = s.model.value().expectedValue() * s.scale;
      int k = s.sums.size();
      List<String> names = s.sums.stream().map(FeatureSum::name).toList();
      boolean[] hasValue = new boolean[k];
      for (int g = 0; g < k; g++) {
        hasValue[g] = s.sums.get(g).valueFeature() != null;
      }
      ShapSums total = new ShapSums(k);
      Map<String, ShapSums> groups = new TreeMap<>();
      for (ShapPartitions.Partial p : partials) {
        total.addAll(p.overall());
        p.byGroup()
            .forEach((g, sums) -> groups.computeIfAbsent(g, x -> new ShapSums(k)).addAll(sums));
      }
      this.overall = new ShapImportance(names, total, hasValue);
      Map<String, ShapImportance> out = new TreeMap<>();
      groups.forEach((g, sums) -> out.put(g, new ShapImportance(names, sums, hasValue)));
      this.byGroup = Collections.unmodifiableMap(out);
      this.names = names;
      this.hasValue = hasValue;
      this.totalSums = total;
      this.groupSums = Collections.unmodifiableMap(groups);
    }

    /**
     * The model's base value (expected output, scaled); prediction × scale = base + sum of the
     * (scaled) SHAP values.
     */
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
  }
}
