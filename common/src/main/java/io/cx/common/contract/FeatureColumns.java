package io.cx.common.contract;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Touchpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of {@code journey_features}, one wide row per survey response: a fixed part, then one
 * column per touchpoint ({@code tp_<touchpoint id>}, the 0..1 mean of its questions, null when not
 * answered) and one per objective metric ({@code m_<metric id>}, a double; {@code exists} is 1.0 or
 * 0.0), in journey order, then {@code run_date}.
 *
 * <p>The touchpoint and metric columns follow the journey map, so the schema follows the map. When
 * one config has several journeys, all their rows go to the same table and Delta merges the
 * schemas: the table holds the union of the columns, and a row has null in the columns its journey
 * does not declare. Two journeys that declare the same touchpoint or metric id share its column;
 * the {@code journey} column says which map a row's values follow. Drivers and churn models should
 * take their columns from {@link #touchpointColumns(JourneyMap)} and {@link
 * #metricColumns(JourneyMap)} of the journey they model, never from the table's schema.
 *
 * <p>Fixed columns: response_id, customer_id, submitted_at, journey, channel, segment (null becomes
 * {@value #UNKNOWN_SEGMENT}), region, tenure_days (the submission's date in the journey's time zone
 * minus signup_date), annual_value, weight (1.0 when the survey gives none), satisfaction (0..1),
 * recommend (raw 0..10) and effort (0..1, null when the journey declares no effort outcome).
 */
public final class FeatureColumns {
  public static final String TENURE_DAYS = "tenure_days";
  public static final String SATISFACTION = "satisfaction";
  public static final String RECOMMEND = "recommend";
  public static final String EFFORT = "effort";

  /** Prefix of the touchpoint columns. */
  public static final String TOUCHPOINT_PREFIX = "tp_";

  /** Prefix of the objective metric columns. */
  public static final String METRIC_PREFIX = "m_";

  /** The segment of a customer whose segment is not known. */
  public static final String UNKNOWN_SEGMENT = "unknown";

  /** The model targets among the fixed columns. */
  public static final List<String> OUTCOMES = List.of(SATISFACTION, RECOMMEND, EFFORT);

  private static final DataType S = DataTypes.StringType;
  private static final DataType D = DataTypes.DoubleType;

  /** The fixed columns, in table order, with their types (run_date comes last, after the rest). */
  private static final StructType FIXED =
      new StructType(
          new StructField[] {
            field(Cols.RESPONSE_ID, S, false),
            field(Cols.CUSTOMER_ID, S, false),
            field(Cols.SUBMITTED_AT, DataTypes.TimestampType, false),
            field(Cols.JOURNEY, S, false),
            field(Cols.CHANNEL, S, true),
            field(Cols.SEGMENT, S, false),
            field(Cols.REGION, S, true),
            field(TENURE_DAYS, DataTypes.IntegerType, true),
            field(Cols.ANNUAL_VALUE, D, true),
            field(Cols.WEIGHT, D, false),
            field(SATISFACTION, D, true),
            field(RECOMMEND, D, true),
            field(EFFORT, D, true)
          });

  private FeatureColumns() {}

  /** The column of a touchpoint: {@code tp_<id>}. */
  public static String touchpoint(String id) {
    return TOUCHPOINT_PREFIX + id;
  }

  /** The column of an objective metric: {@code m_<id>}. */
  public static String metric(String id) {
    return METRIC_PREFIX + id;
  }

  /** Whether a column holds a touchpoint score. */
  public static boolean isTouchpoint(String column) {
    return column.startsWith(TOUCHPOINT_PREFIX);
  }

  /** Whether a column holds an objective metric. */
  public static boolean isMetric(String column) {
    return column.startsWith(METRIC_PREFIX);
  }

  /** The touchpoint or metric id of a driver column: {@code tp_delivery} gives {@code delivery}. */
  public static String driverId(String column) {
    if (isTouchpoint(column)) {
      return column.substring(TOUCHPOINT_PREFIX.length());
    }
    if (isMetric(column)) {
      return column.substring(METRIC_PREFIX.length());
    }
    throw new IllegalArgumentException(
        "Cannot take a driver id from column " + column + ": it is neither tp_<id> nor m_<id>");
  }

  /** The fixed columns, in table order (run_date excluded). */
  public static List<String> fixed() {
    return List.of(FIXED.fieldNames());
  }

  /** The touchpoint columns of a journey, in journey order. */
  public static List<String> touchpointColumns(JourneyMap map) {
    return map.touchpoints().stream().map(Touchpoint::id).map(FeatureColumns::touchpoint).toList();
  }

  /** The metric columns of a journey, in journey order. */
  public static List<String> metricColumns(JourneyMap map) {
    return map.metrics().stream().map(Metric::id).map(FeatureColumns::metric).toList();
  }

  /** The touchpoint then the metric columns of a journey: the candidate drivers. */
  public static List<String> driverColumns(JourneyMap map) {
    List<String> out = new ArrayList<>(touchpointColumns(map));
    out.addAll(metricColumns(map));
    return out;
  }

  /**
   * The schema of a journey's rows: fixed columns, touchpoint columns, metric columns, run_date.
   */
  public static StructType schemaOf(JourneyMap map) {
    return schemaOf(List.of(map));
  }

  /**
   * The schema of the rows of several journeys in one table: fixed columns, then every touchpoint
   * and metric column of the journeys in order of first appearance, then run_date. A row's columns
   * that its journey does not declare are null.
   */
  public static StructType schemaOf(List<JourneyMap> maps) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField f : FIXED.fields()) {
      fields.put(f.name(), f);
    }
    for (JourneyMap map : maps) {
      driverColumns(map).forEach(c -> fields.putIfAbsent(c, field(c, D, true)));
    }
    fields.put(Cols.RUN_DATE, field(Cols.RUN_DATE, DataTypes.DateType, false));
    return new StructType(fields.values().toArray(StructField[]::new));
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
