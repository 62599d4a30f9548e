package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The counts the driver job plans with, from one aggregate over the run's journey_features rows
 * (grouped by journey and segment, so the driver program receives one small row per segment, never
 * a response): responses per segment and target, responses with both values of every (metric,
 * touchpoint) pair of metric_thresholds, and the smallest value of every metric.
 *
 * <p>A response counts for a target when the target is present and its weight is above 0 (rows of
 * weight 0 add nothing to weighted statistics). A value is present when it is neither null nor NaN.
 *
 * @param rows every row of the run's journeys and date
 * @param segments per journey, per segment (sorted), the responses counted
 * @param pairCounts per journey, responses with both the metric and the touchpoint of a pair
 * @param metricMin per journey, the smallest value of each metric id, absent when it has none
 */
record InputProfile(
    long rows,
    Map<String, Map<String, SegmentCount>> segments,
    Map<String, Map<JourneyLayout.StagePair, Long>> pairCounts,
    Map<String, Map<String, Double>> metricMin) {

  /**
   * Responses of one segment.
   *
   * @param responses with at least one target present and a positive weight
   * @param satisfaction with satisfaction present and a positive weight
   * @param recommend with recommend present and a positive weight
   */
  record SegmentCount(long responses, long satisfaction, long recommend) {
    long of(Target t) {
      return t == Target.SATISFACTION ? satisfaction : recommend;
    }
  }

  /** Whether a value is there: not null, not NaN. */
  static Column present(Column c) {
    return c.isNotNull().and(not(isnan(c)));
  }

  /** The weight column with its default: a missing survey weight is 1. */
  static Column weight() {
    return org.apache.spark.sql.functions.coalesce(col(Cols.WEIGHT), lit(1.0));
  }

  /**
   * Whether a response's weight lets it count: finite and above 0 (Spark orders NaN above every
   * number, so {@code weight > 0} alone would let NaN through).
   */
  static Column usableWeight() {
    return present(weight()).and(weight().gt(0)).and(weight().lt(lit(Double.POSITIVE_INFINITY)));
  }

  /** Runs the aggregate over rows holding every column of the layouts. */
  static InputProfile of(Dataset<Row> rows, List<JourneyLayout> layouts) {
    Column positive = usableWeight();
    Column sat = present(col(Target.SATISFACTION.column()));
    Column rec = present(col(Target.RECOMMEND.column()));
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(positive.and(sat.or(rec)), 1L).otherwise(0L)).as("__responses"));
    aggs.add(sum(when(positive.and(sat), 1L).otherwise(0L)).as("__sat"));
    aggs.add(sum(when(positive.and(rec), 1L).otherwise(0L)).as("__rec"));
    Map<String, String> pairAlias = new LinkedHashMap<>();
    Map<String, String> minAlias = new LinkedHashMap<>();
    for (JourneyLayout l : layouts) {
      for (JourneyLayout.StagePair p : l.pairs()) {
        String m = FeatureNames.metric(p.metric());
        String t = FeatureNames.touchpoint(p.touchpoint());
        pairAlias.computeIfAbsent(
            m + "\u0000" + t,
            k -> {
              String alias = "__pair" + pairAlias.size();
              aggs.add(sum(when(present(col(m)).and(present(col(t))), 1L).otherwise(0L)).as(alias));
              return alias;
            });
      }
      for (String m : l.metricColumns()) {
        minAlias.computeIfAbsent(
            m,
            k -> {
              String alias = "__min" + minAlias.size();
              aggs.add(min(when(present(col(m)), col(m))).as(alias));
              return alias;
            });
      }
    }
    aggs.add(count(lit(1)).as("__rows"));
    List<Row> groups =
        rows.groupBy(col(Cols.JOURNEY), col(Cols.SEGMENT))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
            .collectAsList();

    Map<String, JourneyLayout> byId = new LinkedHashMap<>();
    layouts.forEach(l -> byId.put(l.journey(), l));
    long total = 0;
    Map<String, Map<String, SegmentCount>> segments = new TreeMap<>();
    Map<String, Map<JourneyLayout.StagePair, Long>> pairs = new TreeMap<>();
    Map<String, Map<String, Double>> mins = new TreeMap<>();
    for (JourneyLayout l : layouts) {
      segments.put(l.journey(), new TreeMap<>());
      Map<JourneyLayout.StagePair, Long> pc = new LinkedHashMap<>();
      l.pairs().forEach(p -> pc.put(p, 0L));
      pairs.put(l.journey(), pc);
      mins.put(l.journey(), new TreeMap<>());
    }
    for (Row g : groups) {
      String journey = g.getString(0);
      JourneyLayout l = byId.get(journey);
      total += g.getLong(g.fieldIndex("__rows"));
      if (l == null) {
        continue;
      }
      String segment = g.isNullAt(1) ? null : g.getString(1);
      segments
          .get(journey)
          .put(
              segment,
              new SegmentCount(
                  g.getLong(g.fieldIndex("__responses")),
                  g.getLong(g.fieldIndex("__sat")),
                  g.getLong(g.fieldIndex("__rec"))));
      for (JourneyLayout.StagePair p : l.pairs()) {
        String alias =
            pairAlias.get(
                FeatureNames.metric(p.metric())
                    + "\u0000"
                    + FeatureNames.touchpoint(p.touchpoint()));
        pairs.get(journey).merge(p, g.getLong(g.fieldIndex(alias)), Long::sum);
      }
      for (String m : l.metrics()) {
        int i = g.fieldIndex(minAlias.get(FeatureNames.metric(m)));
        if (!g.isNullAt(i)) {
          mins.get(journey).merge(m, g.getDouble(i), Math::min);
        }
      }
    }
    segments.replaceAll((j, m) -> Collections.unmodifiableMap(m));
    return new InputProfile(
        total,
        Collections.unmodifiableMap(segments),
        Collections.unmodifiableMap(pairs),
        Collections.unmodifiableMap(mins));
  }

  /** Responses of a journey with the target present (all segments). */
  long total(String journey, Target t) {
    return segments.getOrDefault(journey, Map.of()).values().stream().mapToLong(c -> c.of(t)).sum();
  }
}
