package io.cx.common.contract;

import static io.cx.common.contract.Cols.*;

import io.cx.common.error.InputRejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the output tables whose columns do not depend on the journey map. Jobs check their
 * output against these before writing, and a test compares them with the documented contract.
 */
public final class Schemas {
  private Schemas() {}

  /**
   * Checks a table a job reads against its contract schema: every column present, with its type.
   * Every problem is named at once, in an {@link InputRejectedException} (exit code 3: the input
   * breaks the contract; a retry will not help).
   *
   * @param table the table's name, as in {@link Tables}
   * @param where where it was read (its path), for the message
   * @param fix what the user should do, e.g. "re-run `cx ingest` for the dates it holds"
   */
  public static void require(
      Dataset<Row> df, StructType expected, String table, String where, String fix) {
    StructType have = df.schema();
    Set<String> names = Set.of(have.fieldNames());
    List<String> problems = new ArrayList<>();
    for (StructField f : expected.fields()) {
      if (!names.contains(f.name())) {
        problems.add("no column " + f.name());
      } else if (!have.apply(f.name()).dataType().sameType(f.dataType())) {
        problems.add(
            "column "
                + f.name()
                + " is "
                + have.apply(f.name()).dataType().simpleString()
                + ", not "
                + f.dataType().simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(
          "table "
              + table
              + " at "
              + where
              + " does not match the data contract: "
              + String.join(", ", problems)
              + "; "
              + fix);
    }
  }

  /**
   * Checks a table with a fixed schema ({@link Tables#schema}) as {@link #require} does, with the
   * fix the contract gives for a table written by another version of its job: re-run that job.
   */
  public static void requireTable(Dataset<Row> df, String table, String where) {
    String job = Tables.producer(table);
    require(
        df,
        Tables.schema(table),
        table,
        where,
        "it was not written by this version of `cx "
            + job
            + "`; re-run `cx "
            + job
            + "` for its dates");
  }

  /**
   * The columns of a schema, in its order and cast to its types, from a frame that has them all
   * (extra columns are dropped): what every job writes.
   */
  public static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
    return df.select(
        Arrays.stream(schema.fields())
            .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }

  static StructField f(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static final org.apache.spark.sql.types.DataType S = DataTypes.StringType;
  private static final org.apache.spark.sql.types.DataType D = DataTypes.DoubleType;
  private static final org.apache.spark.sql.types.DataType L = DataTypes.LongType;
  private static final org.apache.spark.sql.types.DataType TS = DataTypes.TimestampType;
  private static final org.apache.spark.sql.types.DataType DT = DataTypes.DateType;
  private static final org.apache.spark.sql.types.DataType B = DataTypes.BooleanType;

  public static final StructType SURVEY_ANSWERS =
      new StructType(
          new StructField[] {
            f(RESPONSE_ID, S, false),
            f(CUSTOMER_ID, S, false),
            f(SUBMITTED_AT, TS, false),
            f(JOURNEY, S, false),
            f(QUESTION_ID, S, false),
            f(QUESTION_KIND, S, false),
            f(STAGE, S, true),
            f(TOUCHPOINT, S, true),
            f(SCORE, D, true),
            f(SCORE_NORM, D, true),
            f(SCALE_MIN, D, false),
            f(SCALE_MAX, D, false),
            f(CHANNEL, S, true),
            f(COMMENT, S, true),
            f(WEIGHT, D, true),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  public static final StructType BEHAVIOR_EVENTS =
      new StructType(
          new StructField[] {
            f(EVENT_ID, S, false),
            f(CUSTOMER_ID, S, false),
            f(EVENT_TIME, TS, false),
            f(EVENT_TYPE, S, false),
            f(VALUE, D, true),
            f(CHANNEL, S, true),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  public static final StructType CUSTOMERS =
      new StructType(
          new StructField[] {
            f(CUSTOMER_ID, S, false),
            f(SEGMENT, S, true),
            f(REGION, S, true),
            f(SIGNUP_DATE, DT, true),
            f(ANNUAL_VALUE, D, true),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  public static final StructType REJECTED_RECORDS =
      new StructType(
          new StructField[] {
            f(SOURCE, S, false),
            f(JOURNEY, S, true),
            f(REASON, S, false),
            f(DETAIL, S, true),
            f(RAW, S, true),
            f(JOB, S, false),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  public static final StructType RUN_LOG =
      new StructType(
          new StructField[] {
            f(RUN_ID, S, false),
            f(JOB, S, false),
            f(RUN_DATE, DT, false),
            f(JOURNEY, S, true),
            f(STATUS, S, false),
            f("exit_code", DataTypes.IntegerType, false),
            f(STARTED_AT, TS, false),
            f(FINISHED_AT, TS, false),
            f(ROWS_READ, L, false),
            f(ROWS_WRITTEN, L, false),
            f(ROWS_REJECTED, L, false),
            f(INPUT_VERSIONS, DataTypes.createMapType(S, L), true),
            f(CONFIG_HASH, S, true),
            f(ERROR, S, true),
            f(MESSAGE, S, true),
            f(OUTPUT_VERSIONS, DataTypes.createMapType(S, L), true)
          });

  /**
   * touchpoint_kpis: one row per period x cut x metric, the contract's key columns (section 3.1)
   * first. One row per cell: a run replaces the rows of the periods it computes.
   */
  public static final StructType TOUCHPOINT_KPIS =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(PERIOD_GRAIN, S, false),
            f(PERIOD_START, DT, false),
            f(STAGE, S, false),
            f(TOUCHPOINT, S, false),
            f(SEGMENT, S, false),
            f(CHANNEL, S, false),
            f(METRIC, S, false),
            f(VALUE, D, true),
            f(N, L, false),
            f(MOE, D, true),
            f(NORM, D, true),
            f(ALERT, B, false),
            f(P_VALUE, D, true),
            f(SUPPRESSED, B, false),
            f(N_EFFECTIVE, D, true),
            f(NORM_N, L, false),
            f(Q_VALUE, D, true),
            f(BENCHMARK, D, true),
            f(BENCHMARK_SOURCE, S, true),
            f(BENCHMARK_GAP, D, true),
            f(COMPLETE, B, false),
            f(RUN_DATE, DT, false)
          });

  private static final org.apache.spark.sql.types.DataType I = DataTypes.IntegerType;

  /** journey_stage_facts.touchpoints: id, raw mean score, 0..1 mean score (null: not answered). */
  public static final StructType STAGE_TOUCHPOINT =
      new StructType(
          new StructField[] {f(TOUCHPOINT, S, false), f(SCORE, D, true), f(SCORE_NORM, D, true)});

  /** journey_stage_facts.metrics: one objective metric of the stage. */
  public static final StructType STAGE_METRIC =
      new StructType(
          new StructField[] {
            f(METRIC, S, false), f(AGG, S, false), f(VALUE, D, true), f(N_EVENTS, L, false)
          });

  public static final ArrayType TOUCHPOINT_ARRAY =
      DataTypes.createArrayType(STAGE_TOUCHPOINT, false);
  public static final ArrayType METRIC_ARRAY = DataTypes.createArrayType(STAGE_METRIC, false);

  /**
   * journey_stage_facts: one row per survey response and stage of its journey (journey_features,
   * whose columns follow the journey map: {@link FeatureColumns#schemaOf}).
   */
  public static final StructType JOURNEY_STAGE_FACTS =
      new StructType(
          new StructField[] {
            f(RESPONSE_ID, S, false),
            f(CUSTOMER_ID, S, false),
            f(SUBMITTED_AT, TS, false),
            f(JOURNEY, S, false),
            f(STAGE, S, false),
            f(TOUCHPOINTS, TOUCHPOINT_ARRAY, false),
            f(METRICS, METRIC_ARRAY, false),
            f(RUN_DATE, DT, false)
          });

  /** churn_labels: one row per survey response of a journey with a churn rule. */
  public static final StructType CHURN_LABELS =
      new StructType(
          new StructField[] {
            f(RESPONSE_ID, S, false),
            f(CUSTOMER_ID, S, false),
            f(SUBMITTED_AT, TS, false),
            f(JOURNEY, S, false),
            f(CHURNED, B, true),
            f(CHURN_DATE, DT, true),
            f(CHURN_RULE, S, true),
            f(OBSERVED, B, false),
            f(HORIZON_END, TS, false),
            f(RUN_DATE, DT, false)
          });

  /**
   * driver_importance (contract 3.1): one row per journey, target, segment, driver and method, plus
   * one row with method {@code none} and a null driver per segment and target that was not
   * estimated (status says why). Importance, share and intervals are null where a driver could not
   * be estimated; ci_low/ci_high are the 95 % bootstrap percentile interval of the share.
   */
  public static final StructType DRIVER_IMPORTANCE =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(TARGET, S, false),
            f(SEGMENT, S, false),
            f(DRIVER, S, true),
            f(DRIVER_KIND, S, true),
            f(METHOD, S, false),
            f(IMPORTANCE, D, true),
            f(SHARE, D, true),
            f(CI_LOW, D, true),
            f(CI_HIGH, D, true),
            f(CI_REPLICATES, I, true),
            f(P_VALUE, D, true),
            f(DIRECTION, I, true),
            f(PERFORMANCE, D, true),
            f(QUADRANT, S, true),
            f(KANO_CLASS, S, true),
            f(N, L, false),
            f(N_DRIVER, L, true),
            f(R_SQUARED, D, true),
            f(EXACT, B, true),
            f(SHARE_MC_SE, D, true),
            f(STATUS, S, false),
            f(NOTE, S, true),
            f(KANO_STATUS, S, true),
            f(ABOVE_NOISE, B, true),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  /**
   * metric_thresholds (contract 3.1): one row per journey, objective metric and touchpoint of the
   * same stage. threshold and the columns describing the split are null unless status is {@code
   * found} (shape {@code step}: a tipping point after Benjamini-Hochberg correction); status says
   * why otherwise. shape is null when the pair could not be searched.
   */
  public static final StructType METRIC_THRESHOLDS =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(STAGE, S, false),
            f(METRIC, S, false),
            f(TOUCHPOINT, S, false),
            f(THRESHOLD, D, true),
            f(SCORE_BELOW, D, true),
            f(SCORE_ABOVE, D, true),
            f(N_BELOW, L, true),
            f(N_ABOVE, L, true),
            f(P_VALUE, D, true),
            f(T_STATISTIC, D, true),
            f(N, L, false),
            f(N_AVAILABLE, L, false),
            f(STATUS, S, false),
            f(NOTE, S, true),
            f(SHAPE, S, true),
            f(THRESHOLD_LO, D, true),
            f(THRESHOLD_HI, D, true),
            f(P_STEP, D, true),
            f(Q_VALUE, D, true),
            f(Q_STEP, D, true),
            f(RUN_ID, S, false),
            f(RUN_DATE, DT, false)
          });

  /** model_metrics: one row per model, target, split and metric. */
  public static final StructType MODEL_METRICS =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(MODEL, S, false),
            f(TARGET, S, false),
            f(SPLIT, S, false),
            f(METRIC, S, false),
            f(VALUE, D, true),
            f(N, L, false),
            f(RUN_DATE, DT, false)
          });

  /** model_curves: one row per model, target, split, curve and point of the curve. */
  public static final StructType MODEL_CURVES =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(MODEL, S, false),
            f(TARGET, S, false),
            f(SPLIT, S, false),
            f(CURVE, S, false),
            f(POINT, I, false),
            f(X, D, false),
            f(Y, D, false),
            f(N, L, true),
            f(RUN_DATE, DT, false)
          });

  /**
   * churn_scores: one row per customer not yet churned whose latest survey response's churn horizon
   * is still open at the run date; the horizon {@code (horizon_start, horizon_end]} is the window
   * the score is for.
   */
  public static final StructType CHURN_SCORES =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(CUSTOMER_ID, S, false),
            f(RESPONSE_ID, S, false),
            f(SEGMENT, S, false),
            f(CHURN_PROBABILITY, D, false),
            f(ANNUAL_VALUE, D, true),
            f(REVENUE_AT_RISK, D, true),
            f(TOP_REASONS, DataTypes.createArrayType(S, false), false),
            f(MODEL, S, false),
            f(HORIZON_START, TS, false),
            f(HORIZON_END, TS, false),
            f(RUN_DATE, DT, false)
          });

  /** driver_impact: one row per driver, scenario, target and segment. */
  public static final StructType DRIVER_IMPACT =
      new StructType(
          new StructField[] {
            f(JOURNEY, S, false),
            f(TARGET, S, false),
            f(SEGMENT, S, false),
            f(DRIVER, S, false),
            f(SCENARIO, S, false),
            f(BASELINE, D, true),
            f(PREDICTED, D, true),
            f(DELTA, D, true),
            f(REVENUE_AT_RISK_DELTA, D, true),
            f(N, L, false),
            f(MOVED, D, false),
            f(DELTA_LOW, D, true),
            f(DELTA_HIGH, D, true),
            f(RUN_DATE, DT, false)
          });
}
