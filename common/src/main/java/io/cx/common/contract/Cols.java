package io.cx.common.contract;

/**
 * Column names of the data contract, defined once. Input columns are matched case-insensitively;
 * every output table uses these names exactly.
 */
public final class Cols {
  // Common to every output row.
  public static final String RUN_DATE = "run_date";
  public static final String JOURNEY = "journey";
  public static final String RUN_ID = "run_id";

  // Inputs (section 1).
  public static final String RESPONSE_ID = "response_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SUBMITTED_AT = "submitted_at";
  public static final String QUESTION_ID = "question_id";
  public static final String SCORE = "score";
  public static final String CHANNEL = "channel";
  public static final String COMMENT = "comment";
  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TIME = "event_time";
  public static final String EVENT_TYPE = "event_type";
  public static final String VALUE = "value";
  public static final String SEGMENT = "segment";
  public static final String REGION = "region";
  public static final String SIGNUP_DATE = "signup_date";
  public static final String ANNUAL_VALUE = "annual_value";

  /** Optional survey weight per response (additive to the contract). */
  public static final String WEIGHT = "weight";

  // survey_answers.
  public static final String SCORE_NORM = "score_norm";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String STAGE = "stage";
  public static final String QUESTION_KIND = "question_kind";
  public static final String SCALE_MIN = "scale_min";
  public static final String SCALE_MAX = "scale_max";

  // rejected_records.
  public static final String SOURCE = "source";
  public static final String REASON = "reason";
  public static final String RAW = "raw";
  public static final String DETAIL = "detail";
  public static final String JOB = "job";

  // run_log.
  public static final String STATUS = "status";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_WRITTEN = "rows_written";
  public static final String ROWS_REJECTED = "rows_rejected";
  public static final String INPUT_VERSIONS = "input_versions";
  public static final String OUTPUT_VERSIONS = "output_versions";
  public static final String CONFIG_HASH = "config_hash";
  public static final String ERROR = "error";
  public static final String MESSAGE = "message";

  // Modelling outputs (section 3.1).
  public static final String TARGET = "target";
  public static final String DRIVER = "driver";
  public static final String DRIVER_KIND = "driver_kind";
  public static final String METHOD = "method";
  public static final String IMPORTANCE = "importance";
  public static final String SHARE = "share";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String DIRECTION = "direction";
  public static final String PERFORMANCE = "performance";
  public static final String QUADRANT = "quadrant";
  public static final String KANO_CLASS = "kano_class";

  /**
   * In driver_importance: {@code classified} when kano_class was decided, {@code insufficient} when
   * a box had too few answers (kano_class null); null where no Kano class applies.
   */
  public static final String KANO_STATUS = "kano_status";

  /**
   * In driver_importance (shap_gbt rows of the drivers and churn jobs): whether the importance is
   * larger than that of a pure-noise feature in the same cross-fitted models and segment; null for
   * other methods.
   */
  public static final String ABOVE_NOISE = "above_noise";

  public static final String N = "n";
  public static final String METRIC = "metric";
  public static final String THRESHOLD = "threshold";
  public static final String SCORE_BELOW = "score_below";
  public static final String SCORE_ABOVE = "score_above";
  public static final String N_BELOW = "n_below";
  public static final String N_ABOVE = "n_above";
  public static final String P_VALUE = "p_value";

  // driver_importance and metric_thresholds, beyond the contract's key columns.
  /** What a person should know about a row (why it has no estimate, what was repaired). */
  public static final String NOTE = "note";

  public static final String R_SQUARED = "r_squared";
  public static final String EXACT = "exact";

  /**
   * driver_importance: the Monte Carlo standard error of a sampled share (LMG beyond its exact
   * limit, from its random orderings); null when the share is exact.
   */
  public static final String SHARE_MC_SE = "share_mc_se";

  public static final String N_DRIVER = "n_driver";
  public static final String CI_REPLICATES = "ci_replicates";
  public static final String T_STATISTIC = "t_statistic";
  public static final String N_AVAILABLE = "n_available";

  // metric_thresholds, beyond section 3.1 (additive).
  /** How the score falls with the metric: {@code step}, {@code linear} or {@code none}. */
  public static final String SHAPE = "shape";

  /** Bootstrap interval of where the threshold falls, in the metric's unit. */
  public static final String THRESHOLD_LO = "threshold_lo";

  public static final String THRESHOLD_HI = "threshold_hi";

  /** p-value of the step model against a smooth quadratic trend (residual permutation). */
  public static final String P_STEP = "p_step";

  /** Benjamini-Hochberg q-value of the threshold claim, max(p_value, p_step), across the run. */
  public static final String Q_STEP = "q_step";

  public static final String CHURNED = "churned";
  public static final String CHURN_DATE = "churn_date";
  public static final String OBSERVED = "observed";
  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String REVENUE_AT_RISK = "revenue_at_risk";
  public static final String TOP_REASONS = "top_reasons";
  public static final String MODEL = "model";
  public static final String SPLIT = "split";

  // model_curves: the points of a model's ROC, lift and calibration curves.
  /** Which curve a point is on: {@code roc}, {@code lift} or {@code calibration}. */
  public static final String CURVE = "curve";

  /** A point's position on its curve, 0 first. */
  public static final String POINT = "point";

  public static final String X = "x";
  public static final String Y = "y";
  public static final String SCENARIO = "scenario";
  public static final String BASELINE = "baseline";
  public static final String PREDICTED = "predicted";
  public static final String DELTA = "delta";
  public static final String REVENUE_AT_RISK_DELTA = "revenue_at_risk_delta";

  /** In driver_impact: answers moved by the scenario (a fractional count: ties move in part). */
  public static final String MOVED = "moved";

  /**
   * In driver_impact: the 95 % interval of delta over draws of the outcome models' coefficients
   * (the what-if is a model-implied association; the interval is of the model, not of a cause).
   */
  public static final String DELTA_LOW = "delta_low";

  public static final String DELTA_HIGH = "delta_high";

  public static final String PERIOD_GRAIN = "period_grain";
  public static final String PERIOD_START = "period_start";
  public static final String MOE = "moe";
  public static final String NORM = "norm";
  public static final String ALERT = "alert";
  public static final String SUPPRESSED = "suppressed";

  // touchpoint_kpis, beyond section 3.1 (additive).
  /** Kish's effective sample size, (sum w)^2 / sum w^2; equals n without survey weights. */
  public static final String N_EFFECTIVE = "n_effective";

  /** Answers behind the norm (the previous periods of the same cell). */
  public static final String NORM_N = "norm_n";

  /** Benjamini-Hochberg adjusted p-value within the period and grain. */
  public static final String Q_VALUE = "q_value";

  public static final String BENCHMARK = "benchmark";
  public static final String BENCHMARK_SOURCE = "benchmark_source";
  public static final String BENCHMARK_GAP = "benchmark_gap";

  /** Whether the period had ended by the row's run date. */
  public static final String COMPLETE = "complete";

  /** The roll-up value in segment, channel, stage and touchpoint; never null there. */
  public static final String ALL = "ALL";

  private Cols() {}

  /** journey_stage_facts: the touchpoint rows of the stage. */
  public static final String TOUCHPOINTS = "touchpoints";

  /** journey_stage_facts: the objective metric rows of the stage. */
  public static final String METRICS = "metrics";

  /** journey_stage_facts.metrics: the aggregation (count, sum, avg, min, max, pNN, exists). */
  public static final String AGG = "agg";

  /** journey_stage_facts.metrics: the number of events the value was computed from. */
  public static final String N_EVENTS = "n_events";

  /** churn_labels: {@code event} or {@code inactivity}, null when not churned. */
  public static final String CHURN_RULE = "churn_rule";

  /** churn_labels and churn_scores: submitted_at + horizon_days, the churn horizon's end. */
  public static final String HORIZON_END = "horizon_end";

  /** churn_scores: the scored response's submitted_at, where its churn horizon starts. */
  public static final String HORIZON_START = "horizon_start";
}
