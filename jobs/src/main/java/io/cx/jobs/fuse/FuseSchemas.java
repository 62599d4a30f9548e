package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the fuse job's tables whose columns do not depend on the journey map:
 * journey_stage_facts and churn_labels (journey_features: {@link FeatureColumns#schemaOf}).
 */
public final class FuseSchemas {
  /** In journey_stage_facts: touchpoint rows of the stage. */
  public static final String TOUCHPOINTS = "touchpoints";

  /** In journey_stage_facts: objective metric rows of the stage. */
  public static final String METRICS = "metrics";

  /** In journey_stage_facts.metrics: the aggregation (count, sum, avg, min, max, pNN, exists). */
  public static final String AGG = "agg";

  /** In journey_stage_facts.metrics: the metric's value. */
  public static final String VALUE = "value";

  /** In journey_stage_facts.metrics: the number of events the value was computed from. */
  public static final String N_EVENTS = "n_events";

  /** In churn_labels: {@code event} or {@code inactivity}, null when not churned. */
  public static final String CHURN_RULE = "churn_rule";

  /** In churn_labels: submitted_at + horizon_days. */
  public static final String HORIZON_END = "horizon_end";

  private static final DataType S = DataTypes.StringType;
  private static final DataType D = DataTypes.DoubleType;

  /** One touchpoint of a stage: its id, raw mean score, 0..1 mean score (null: not answered). */
  public static final StructType TOUCHPOINT =
      new StructType(
          new StructField[] {
            f(Cols.TOUCHPOINT, S, false), f(Cols.SCORE, D, true), f(Cols.SCORE_NORM, D, true)
          });

  /** One objective metric of a stage. */
  public static final StructType METRIC =
      new StructType(
          new StructField[] {
            f(Cols.METRIC, S, false),
            f(AGG, S, false),
            f(VALUE, D, true),
            f(N_EVENTS, DataTypes.LongType, false)
          });

  public static final ArrayType TOUCHPOINT_ARRAY = DataTypes.createArrayType(TOUCHPOINT, false);
  public static final ArrayType METRIC_ARRAY = DataTypes.createArrayType(METRIC, false);

  /** journey_stage_facts: one row per survey response and stage of its journey. */
  public static final StructType JOURNEY_STAGE_FACTS =
      new StructType(
          new StructField[] {
            f(Cols.RESPONSE_ID, S, false),
            f(Cols.CUSTOMER_ID, S, false),
            f(Cols.SUBMITTED_AT, DataTypes.TimestampType, false),
            f(Cols.JOURNEY, S, false),
            f(Cols.STAGE, S, false),
            f(TOUCHPOINTS, TOUCHPOINT_ARRAY, false),
            f(METRICS, METRIC_ARRAY, false),
            f(Cols.RUN_DATE, DataTypes.DateType, false)
          });

  /** churn_labels: one row per survey response of a journey with a churn rule. */
  public static final StructType CHURN_LABELS =
      new StructType(
          new StructField[] {
            f(Cols.RESPONSE_ID, S, false),
            f(Cols.CUSTOMER_ID, S, false),
            f(Cols.SUBMITTED_AT, DataTypes.TimestampType, false),
            f(Cols.JOURNEY, S, false),
            f(Cols.CHURNED, DataTypes.BooleanType, true),
            f(Cols.CHURN_DATE, DataTypes.DateType, true),
            f(CHURN_RULE, S, true),
            f(Cols.OBSERVED, DataTypes.BooleanType, false),
            f(HORIZON_END, DataTypes.TimestampType, false),
            f(Cols.RUN_DATE, DataTypes.DateType, false)
          });

  private FuseSchemas() {}

  /** The columns of a schema, in its order, cast to its types. */
  static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
    return df.select(
        Arrays.stream(schema.fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }

  private static StructField f(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
