package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Puts each survey response beside the events of its customer that fall in a time window {@code
 * [lo, hi)} of that response, with work bounded by days and event types rather than by events.
 *
 * <p>How: time is cut into UTC days, and each day of a customer is further cut at the window edges
 * ({@code lo} and {@code hi}) of that customer's responses that fall in it. The resulting pieces
 * never straddle a window edge, so a piece lies wholly inside or wholly outside any window, and a
 * window is exactly the union of the pieces whose start lies in {@code [lo, hi)}. Events are
 * pre-aggregated per (customer, event type, day, piece): count, count and sum, min and max of the
 * value, first and last event time; for the event types given as {@code valueTypes} (exact
 * percentiles) also per distinct value. Responses are exploded to the days of their window and
 * equi-joined to the pieces on (customer_id, day), with the range condition on the piece start.
 *
 * <p>So the rows a customer brings to the join are at most (days with events + window edges) x
 * event types (x distinct values for percentile types), however many events it has; the events
 * themselves meet only a one-row-per-(customer, day) table of edges, partitioned by customer and
 * day, so a customer with millions of events is spread over its days. No join is a cross product.
 *
 * <p>Times are epoch microseconds (longs) throughout, so edges are exact.
 */
final class EventWindows {
  static final long DAY_MICROS = 86_400_000_000L;

  /** Window start, inclusive, epoch microseconds (input). */
  static final String LO = "_lo_us";

  /** Window end, exclusive, epoch microseconds (input). */
  static final String HI = "_hi_us";

  /** Event time, epoch microseconds (input). */
  static final String T = "_t_us";

  /** UTC day number (epoch day). */
  static final String DAY = "_day";

  /** Start of the piece of the day an event falls in, epoch microseconds. */
  static final String PIECE = "_piece_us";

  /** The event value for percentile types, else null. */
  static final String VALUE_KEY = "_value_key";

  static final String N = "_n";
  static final String N_VALUE = "_n_value";
  static final String V_SUM = "_v_sum";
  static final String V_MIN = "_v_min";
  static final String V_MAX = "_v_max";
  static final String T_MIN = "_t_min";
  static final String T_MAX = "_t_max";

  private static final String CUTS = "_cuts";

  private EventWindows() {}

  /**
   * The pieces inside each response's window.
   *
   * @param windows one row per response: response_id, customer_id, {@link #LO}, {@link #HI}, plus
   *     any columns to carry along
   * @param events customer_id, event_type, {@link #T}, value: only the types of interest
   * @param valueTypes event types whose distinct values are kept in {@link #VALUE_KEY}
   * @return the window's columns, then event_type, {@link #PIECE}, {@link #VALUE_KEY}, {@link #N},
   *     {@link #N_VALUE}, {@link #V_SUM}, {@link #V_MIN}, {@link #V_MAX}, {@link #T_MIN}, {@link
   *     #T_MAX}: one row per piece (and value) inside the window; none for a window without events
   */
  static Dataset<Row> inside(Dataset<Row> windows, Dataset<Row> events, Set<String> valueTypes) {
    Dataset<Row> days = windowDays(windows);
    Dataset<Row> pieces = pieces(days, windows, events, valueTypes);
    List<Column> out = new ArrayList<>();
    Arrays.stream(windows.columns()).forEach(c -> out.add(days.col(c)));
    Arrays.stream(pieces.columns())
        .filter(c -> !c.equals(Cols.CUSTOMER_ID) && !c.equals(DAY))
        .forEach(c -> out.add(pieces.col(c)));
    Column on =
        days.col(Cols.CUSTOMER_ID)
            .equalTo(pieces.col(Cols.CUSTOMER_ID))
            .and(days.col(DAY).equalTo(pieces.col(DAY)))
            .and(pieces.col(PIECE).geq(days.col(LO)))
            .and(pieces.col(PIECE).lt(days.col(HI)));
    return days.join(pieces, on, "inner").select(out.toArray(Column[]::new));
  }

  /**
   * The pre-aggregated pieces of the events that fall on a day some window touches: customer_id,
   * {@link #DAY}, event_type, {@link #PIECE}, {@link #VALUE_KEY} and the aggregates. This is what
   * enters the join with the responses.
   */
  static Dataset<Row> pieces(Dataset<Row> windows, Dataset<Row> events, Set<String> valueTypes) {
    return pieces(windowDays(windows), windows, events, valueTypes);
  }

  private static Dataset<Row> pieces(
      Dataset<Row> windowDays, Dataset<Row> windows, Dataset<Row> events, Set<String> valueTypes) {
    Dataset<Row> cuts =
        windows
            .select(col(Cols.CUSTOMER_ID), explode(array(col(LO), col(HI))).as("_cut"))
            .withColumn(DAY, day(col("_cut")))
            .groupBy(Cols.CUSTOMER_ID, DAY)
            .agg(array_sort(collect_set(col("_cut"))).as(CUTS));
    Dataset<Row> needed =
        windowDays
            .select(Cols.CUSTOMER_ID, DAY)
            .distinct()
            .join(cuts, new String[] {Cols.CUSTOMER_ID, DAY}, "left")
            .withColumn(
                CUTS,
                coalesce(col(CUTS), array().cast(DataTypes.createArrayType(DataTypes.LongType))));

    Column t = col(T);
    Column index = size(filter(col(CUTS), c -> c.leq(t)));
    Column piece =
        when(index.equalTo(0), col(DAY).multiply(DAY_MICROS))
            .otherwise(element_at(col(CUTS), index));
    Column valueKey =
        valueTypes.isEmpty()
            ? lit(null).cast(DataTypes.DoubleType)
            : when(col(Cols.EVENT_TYPE).isin(valueTypes.toArray()), col(Cols.VALUE));
    return events
        .withColumn(DAY, day(t))
        .join(needed, new String[] {Cols.CUSTOMER_ID, DAY}, "inner")
        .withColumn(PIECE, piece.cast(DataTypes.LongType))
        .withColumn(VALUE_KEY, valueKey)
        .groupBy(col(Cols.CUSTOMER_ID), col(DAY), col(Cols.EVENT_TYPE), col(PIECE), col(VALUE_KEY))
        .agg(
            count(lit(1)).as(N),
            count(col(Cols.VALUE)).as(N_VALUE),
            sum(col(Cols.VALUE)).as(V_SUM),
            min(col(Cols.VALUE)).as(V_MIN),
            max(col(Cols.VALUE)).as(V_MAX),
            min(t).as(T_MIN),
            max(t).as(T_MAX));
  }

  /** The windows, one row per UTC day they touch. */
  private static Dataset<Row> windowDays(Dataset<Row> windows) {
    Column lastInstant = col(HI).minus(1);
    return windows
        .where(col(HI).gt(col(LO)))
        .withColumn(DAY, explode(sequence(day(col(LO)), day(lastInstant))));
  }

  /** The UTC day of an epoch-microsecond instant. */
  static Column day(Column micros) {
    return floor(micros.divide(DAY_MICROS));
  }
}
