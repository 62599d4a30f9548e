package io.cx.common.contract;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** Names of the output tables (data contract, section 3): one folder each under the warehouse. */
public final class Tables {
  public static final String SURVEY_ANSWERS = "survey_answers";
  public static final String BEHAVIOR_EVENTS = "behavior_events";
  public static final String CUSTOMERS = "customers";
  public static final String REJECTED_RECORDS = "rejected_records";
  public static final String JOURNEY_STAGE_FACTS = "journey_stage_facts";
  public static final String JOURNEY_FEATURES = "journey_features";
  public static final String CHURN_LABELS = "churn_labels";
  public static final String DRIVER_IMPORTANCE = "driver_importance";
  public static final String METRIC_THRESHOLDS = "metric_thresholds";
  public static final String DRIVER_IMPACT = "driver_impact";
  public static final String CHURN_SCORES = "churn_scores";
  public static final String MODEL_METRICS = "model_metrics";
  public static final String MODEL_CURVES = "model_curves";
  public static final String TOUCHPOINT_KPIS = "touchpoint_kpis";
  public static final String RUN_LOG = "run_log";

  /**
   * Not a table: the folder under the warehouse where {@code cx report} writes its HTML reports,
   * {@code reports/<journey>/<run_date>/index.html}.
   */
  public static final String REPORTS = "reports";

  /** Every table of the contract, in the contract's order. */
  public static final List<String> ALL =
      List.of(
          SURVEY_ANSWERS,
          BEHAVIOR_EVENTS,
          CUSTOMERS,
          REJECTED_RECORDS,
          JOURNEY_STAGE_FACTS,
          JOURNEY_FEATURES,
          CHURN_LABELS,
          DRIVER_IMPORTANCE,
          METRIC_THRESHOLDS,
          DRIVER_IMPACT,
          CHURN_SCORES,
          MODEL_METRICS,
          MODEL_CURVES,
          TOUCHPOINT_KPIS,
          RUN_LOG);

  /**
   * Tables written with Delta's Change Data Feed on ({@code delta.enableChangeDataFeed}), so that a
   * later job can read exactly the rows added, removed or changed since the version it last read:
   * kpis reads what survey_answers gained since its last successful run, fuse what the three inputs
   * gained.
   */
  public static final List<String> WITH_CHANGE_FEED =
      List.of(SURVEY_ANSWERS, BEHAVIOR_EVENTS, CUSTOMERS);

  /**
   * Tables that keep one current row per response (per response and stage), partitioned by journey,
   * written by fuse; "as known at a date" is a Delta time-travel read (see {@link
   * io.cx.common.job.StateAsOf}).
   */
  public static final List<String> CURRENT_STATE =
      List.of(JOURNEY_STAGE_FACTS, JOURNEY_FEATURES, CHURN_LABELS);

  private Tables() {}

  /**
   * The job that writes a table: the one to run when a reader finds it missing. driver_importance
   * has two writers (drivers for satisfaction and recommendation, churn for churn); drivers is
   * named, as it comes first in a run.
   */
  public static String producer(String table) {
    return switch (table) {
      case SURVEY_ANSWERS, BEHAVIOR_EVENTS, CUSTOMERS, REJECTED_RECORDS -> JobNames.INGEST;
      case JOURNEY_STAGE_FACTS, JOURNEY_FEATURES, CHURN_LABELS -> JobNames.FUSE;
      case DRIVER_IMPORTANCE, METRIC_THRESHOLDS -> JobNames.DRIVERS;
      case DRIVER_IMPACT, CHURN_SCORES, MODEL_METRICS, MODEL_CURVES -> JobNames.CHURN;
      case TOUCHPOINT_KPIS -> JobNames.KPIS;
      case RUN_LOG -> "run";
      default -> throw new IllegalArgumentException("not a table of the data contract: " + table);
    };
  }

  /**
   * The schema of a table whose columns the contract fixes: every table but journey_features, whose
   * touchpoint and metric columns come from the journey maps ({@link FeatureColumns#schemaOf}).
   */
  public static StructType schema(String table) {
    return switch (table) {
      case SURVEY_ANSWERS -> Schemas.SURVEY_ANSWERS;
      case BEHAVIOR_EVENTS -> Schemas.BEHAVIOR_EVENTS;
      case CUSTOMERS -> Schemas.CUSTOMERS;
      case REJECTED_RECORDS -> Schemas.REJECTED_RECORDS;
      case JOURNEY_STAGE_FACTS -> Schemas.JOURNEY_STAGE_FACTS;
      case CHURN_LABELS -> Schemas.CHURN_LABELS;
      case DRIVER_IMPORTANCE -> Schemas.DRIVER_IMPORTANCE;
      case METRIC_THRESHOLDS -> Schemas.METRIC_THRESHOLDS;
      case DRIVER_IMPACT -> Schemas.DRIVER_IMPACT;
      case CHURN_SCORES -> Schemas.CHURN_SCORES;
      case MODEL_METRICS -> Schemas.MODEL_METRICS;
      case MODEL_CURVES -> Schemas.MODEL_CURVES;
      case TOUCHPOINT_KPIS -> Schemas.TOUCHPOINT_KPIS;
      case RUN_LOG -> Schemas.RUN_LOG;
      default ->
          throw new IllegalArgumentException(
              "no fixed schema for table " + table + " (journey_features depends on the maps)");
    };
  }
}
