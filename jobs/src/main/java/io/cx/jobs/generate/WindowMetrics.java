package io.cx.jobs.generate;

import io.cx.common.journey.Agg;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journey map's objective metrics of one survey response, from that customer's events in the
 * look-back window {@code [submitted_at - lookback, submitted_at)} (data contract, section 2):
 * count and exists give 0 on an empty window, the value aggregations give null. Percentiles
 * interpolate linearly between the sorted values (as Spark's {@code percentile}).
 */
final class WindowMetrics {
  private final List<Metric> metrics;
  private final long lookbackSeconds;

  WindowMetrics(JourneyMap map) {
    this.metrics = map.metrics();
    this.lookbackSeconds = map.lookbackDays() * TimeFrame.DAY;
  }

  /** Every metric of the map for a survey at {@code at}; events sorted by time. */
  Map<String, Double> at(List<Event> events, long at) {
    int from = firstAtOrAfter(events, at - lookbackSeconds);
    int to = firstAtOrAfter(events, at);
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : metrics) {
      Set<String> types = new HashSet<>(m.events());
      double[] values = new double[to - from];
      int n = 0;
      int matching = 0;
      for (int i = from; i < to; i++) {
        Event e = events.get(i);
        if (types.contains(e.type())) {
          matching++;
          if (e.hasValue()) {
            values[n++] = e.value();
          }
        }
      }
      out.put(m.id(), aggregate(m.agg(), Arrays.copyOf(values, n), matching));
    }
    return out;
  }

  static Double aggregate(Agg agg, double[] values, int count) {
    switch (agg.kind()) {
      case COUNT:
        return (double) count;
      case EXISTS:
        return count > 0 ? 1.0 : 0.0;
      default:
        break;
    }
    if (values.length == 0) {
      return null;
    }
    Arrays.sort(values);
    switch (agg.kind()) {
      case SUM:
        return Arrays.stream(values).sum();
      case AVG:
        return Arrays.stream(values).sum() / values.length;
      case MIN:
        return values[0];
      case MAX:
        return values[values.length - 1];
      default:
        return percentile(values, agg.percentile());
    }
  }

  /** Linear interpolation at rank {@code p * (n - 1)} of sorted values. */
  static double percentile(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
  }

  private static int firstAtOrAfter(List<Event> events, long t) {
    int lo = 0;
    int hi = events.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).time() < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
