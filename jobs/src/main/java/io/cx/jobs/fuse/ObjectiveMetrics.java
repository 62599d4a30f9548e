package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.journey.Agg;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The objective metrics of each survey response: for every metric of the response's journey, the
 * aggregate of that customer's events of the metric's types in {@code [submitted_at -
 * lookback_days, submitted_at)} (lookback_days x 24 hours; an event exactly at the start counts,
 * one at submitted_at does not).
 *
 * <p>Aggregations: count and exists (1.0 or 0.0) over all the events; sum, avg, min, max and pNN
 * over the events that have a value. pNN is the exact percentile of Spark's {@code percentile}:
 * with the n values sorted, position p x (n - 1) counted from 0, interpolated linearly between the
 * two values around it. {@code n_events} is the number of events the value was computed from (all
 * events for count and exists, events with a value otherwise). A metric without such events is 0
 * for count and exists and null otherwise, with n_events 0.
 */
final class ObjectiveMetrics {
  /** Per response: map of metric id to struct(value double, n_events long). */
  static final String METRICS = "_metrics";

  static final String VALUE = "value";
  static final String N_EVENTS = "n_events";

  private static final String METRIC = "_metric";
  private static final String KIND = "_kind";
  private static final String P_INDEX = "_p_index";

  private ObjectiveMetrics() {}

  /**
   * @param responses response_id, customer_id, journey, submitted_at
   * @param events behavior_events rows (customer_id, event_time, event_type, value)
   * @return response_id, {@link #METRICS}, for the responses with at least one event in a window;
   *     the others have no row (see {@link #value} and {@link #nEvents} for their defaults)
   */
  static Dataset<Row> of(Dataset<Row> responses, Dataset<Row> events, List<JourneyMap> journeys) {
    SparkSession spark = responses.sparkSession();
    List<Double> percentiles = percentiles(journeys);
    Set<String> types = eventTypes(journeys, false);
    if (types.isEmpty()) {
      return spark.createDataFrame(List.of(), resultSchema());
    }
    Dataset<Row> windows = windows(responses, journeys);
    Dataset<Row> typed = typedEvents(events, types);
    Set<String> valueTypes = eventTypes(journeys, true);
    Dataset<Row> inside = EventWindows.inside(windows, typed, valueTypes);
    Dataset<Row> perMetric =
        inside
            .join(
                broadcast(catalog(spark, journeys, percentiles)),
                new String[] {Cols.JOURNEY, Cols.EVENT_TYPE},
                "inner")
            .groupBy(col(Cols.RESPONSE_ID), col(METRIC), col(KIND), col(P_INDEX))
            .agg(
                sum(EventWindows.N).as(EventWindows.N),
                sum(EventWindows.N_VALUE).as(EventWindows.N_VALUE),
                sum(EventWindows.V_SUM).as(EventWindows.V_SUM),
                min(EventWindows.V_MIN).as(EventWindows.V_MIN),
                max(EventWindows.V_MAX).as(EventWindows.V_MAX),
                percentileOf(percentiles).as("_pct"));
    Column kind = col(KIND);
    Column n = col(EventWindows.N);
    Column nValue = col(EventWindows.N_VALUE);
    Column value =
        when(kind.equalTo("count"), n.cast(DataTypes.DoubleType))
            .when(kind.equalTo("exists"), when(n.gt(0), lit(1.0)).otherwise(lit(0.0)))
            .when(nValue.equalTo(0), lit(null).cast(DataTypes.DoubleType))
            .when(kind.equalTo("sum"), col(EventWindows.V_SUM))
            .when(kind.equalTo("avg"), col(EventWindows.V_SUM).divide(nValue))
            .when(kind.equalTo("min"), col(EventWindows.V_MIN))
            .when(kind.equalTo("max"), col(EventWindows.V_MAX))
            .otherwise(element_at(col("_pct"), col(P_INDEX)));
    Column nEvents = when(kind.isin("count", "exists"), n).otherwise(nValue);
    return perMetric
        .groupBy(Cols.RESPONSE_ID)
        .agg(
            map_from_entries(
                    collect_list(
                        struct(
                            col(METRIC),
                            struct(
                                value.cast(DataTypes.DoubleType).as(VALUE),
                                nEvents.cast(DataTypes.LongType).as(N_EVENTS)))))
                .as(METRICS));
  }

  /**
   * What the responses' windows are joined with: the pre-aggregated pieces of the events (see
   * {@link EventWindows#pieces}).
   */
  static Dataset<Row> pieces(
      Dataset<Row> responses, Dataset<Row> events, List<JourneyMap> journeys) {
    return EventWindows.pieces(
        windows(responses, journeys),
        typedEvents(events, eventTypes(journeys, false)),
        eventTypes(journeys, true));
  }

  private static Dataset<Row> windows(Dataset<Row> responses, List<JourneyMap> journeys) {
    Column submitted = unix_micros(col(Cols.SUBMITTED_AT));
    return responses.select(
        col(Cols.RESPONSE_ID),
        col(Cols.CUSTOMER_ID),
        col(Cols.JOURNEY),
        submitted.minus(lookbackMicros(journeys)).as(EventWindows.LO),
        submitted.as(EventWindows.HI));
  }

  private static Dataset<Row> typedEvents(Dataset<Row> events, Set<String> types) {
    return events
        .where(col(Cols.EVENT_TYPE).isin(types.toArray()))
        .select(
            col(Cols.CUSTOMER_ID),
            col(Cols.EVENT_TYPE),
            unix_micros(col(Cols.EVENT_TIME)).as(EventWindows.T),
            col(Cols.VALUE));
  }

  /** The event types the metrics read: all of them, or those of percentile metrics only. */
  private static Set<String> eventTypes(List<JourneyMap> journeys, boolean percentilesOnly) {
    Set<String> types = new TreeSet<>();
    for (JourneyMap j : journeys) {
      for (Metric m : j.metrics()) {
        if (!percentilesOnly || m.agg().kind() == Agg.Kind.PERCENTILE) {
          types.addAll(m.events());
        }
      }
    }
    return types;
  }

  /** The value of a metric, from {@link #METRICS}, with the default of a window without events. */
  static Column value(Metric m) {
    Column v = element(m).getField(VALUE);
    return m.agg().zeroWhenEmpty() ? coalesce(v, lit(0.0)) : v;
  }

  /** The n_events of a metric, from {@link #METRICS}; 0 for a window without events. */
  static Column nEvents(Metric m) {
    return coalesce(element(m).getField(N_EVENTS), lit(0L));
  }

  private static Column element(Metric m) {
    return col(METRICS).getItem(m.id());
  }

  private static StructType resultSchema() {
    StructType entry =
        new StructType()
            .add(VALUE, DataTypes.DoubleType, true)
            .add(N_EVENTS, DataTypes.LongType, true);
    return new StructType()
        .add(Cols.RESPONSE_ID, DataTypes.StringType, false)
        .add(METRICS, DataTypes.createMapType(DataTypes.StringType, entry, true), true);
  }

  /** The look-back of each response's journey, in microseconds. */
  private static Column lookbackMicros(List<JourneyMap> journeys) {
    Column out = null;
    for (JourneyMap j : journeys) {
      Column micros = lit(j.lookbackDays() * EventWindows.DAY_MICROS);
      out =
          out == null
              ? when(col(Cols.JOURNEY).equalTo(j.id()), micros)
              : out.when(col(Cols.JOURNEY).equalTo(j.id()), micros);
    }
    return out;
  }

  /** Every percentile the journeys use, each once, in a fixed order. */
  private static List<Double> percentiles(List<JourneyMap> journeys) {
    Set<Double> ps = new LinkedHashSet<>();
    journeys.forEach(
        j ->
            j.metrics().stream()
                .filter(m -> m.agg().kind() == Agg.Kind.PERCENTILE)
                .forEach(m -> ps.add(m.agg().percentile())));
    return new ArrayList<>(new TreeSet<>(ps));
  }

  /** All the percentiles at once (Spark needs them as constants), or null when none is used. */
  private static Column percentileOf(List<Double> percentiles) {
    if (percentiles.isEmpty()) {
      return lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    Column ps = array(percentiles.stream().map(p -> lit(p)).toArray(Column[]::new));
    Column values = when(col(KIND).equalTo("percentile"), col(EventWindows.VALUE_KEY));
    return percentile(values, ps, col(EventWindows.N));
  }

  /** (journey, event_type) to (metric, kind, 1-based index of its percentile). */
  private static Dataset<Row> catalog(
      SparkSession spark, List<JourneyMap> journeys, List<Double> percentiles) {
    StructType schema =
        new StructType()
            .add(Cols.JOURNEY, DataTypes.StringType, false)
            .add(Cols.EVENT_TYPE, DataTypes.StringType, false)
            .add(METRIC, DataTypes.StringType, false)
            .add(KIND, DataTypes.StringType, false)
            .add(P_INDEX, DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (JourneyMap j : journeys) {
      for (Metric m : j.metrics()) {
        String kind = m.agg().kind() == Agg.Kind.PERCENTILE ? "percentile" : m.agg().toString();
        int index =
            m.agg().kind() == Agg.Kind.PERCENTILE
                ? percentiles.indexOf(m.agg().percentile()) + 1
                : 0;
        for (String type : new LinkedHashSet<>(m.events())) {
          rows.add(RowFactory.create(j.id(), type, m.id(), kind, index));
        }
      }
    }
    return spark.createDataFrame(rows, schema);
  }
}
