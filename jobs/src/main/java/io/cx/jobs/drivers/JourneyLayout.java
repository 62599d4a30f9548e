package io.cx.jobs.drivers;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the driver job needs of one journey map, small enough to ship to executors: its touchpoints
 * and metrics in journey order and the (metric, touchpoint) pairs of the same stage that
 * metric_thresholds searches.
 *
 * <p>The values of one response travel as one array ({@link ResponseValues}): the two targets on
 * 0..1, then the touchpoint scores, then the metrics; NaN stands for a missing value.
 */
record JourneyLayout(
    String journey, List<String> touchpoints, List<String> metrics, List<StagePair> pairs)
    implements Serializable {

  /** Position of the first touchpoint in a values array; the targets come first. */
  static final int FIRST_TOUCHPOINT = 2;

  /** A metric and a touchpoint of the same stage. */
  record StagePair(String stage, String metric, String touchpoint) implements Serializable {}

  JourneyLayout {
    touchpoints = List.copyOf(touchpoints);
    metrics = List.copyOf(metrics);
    pairs = List.copyOf(pairs);
  }

  static JourneyLayout of(JourneyMap map) {
    List<StagePair> pairs = new ArrayList<>();
    for (Stage s : map.stages()) {
      for (Metric m : s.metrics()) {
        for (Touchpoint t : s.touchpoints()) {
          pairs.add(new StagePair(s.id(), m.id(), t.id()));
        }
      }
    }
    return new JourneyLayout(
        map.id(),
        map.touchpoints().stream().map(Touchpoint::id).toList(),
        map.metrics().stream().map(Metric::id).toList(),
        pairs);
  }

  int touchpointCount() {
    return touchpoints.size();
  }

  int metricCount() {
    return metrics.size();
  }

  /** Length of a values array: 2 targets, the touchpoints, the metrics. */
  int width() {
    return FIRST_TOUCHPOINT + touchpoints.size() + metrics.size();
  }

  /** Position of the target in a values array. */
  static int targetIndex(Target t) {
    return t.ordinal();
  }

  /** Position of touchpoint {@code a} (journey order) in a values array. */
  static int touchpointIndex(int a) {
    return FIRST_TOUCHPOINT + a;
  }

  /** Position of metric {@code m} in a values array. */
  int metricIndex(int m) {
    return FIRST_TOUCHPOINT + touchpoints.size() + m;
  }

  /** The journey_features columns of the touchpoints, in journey order. */
  List<String> touchpointColumns() {
    return touchpoints.stream().map(FeatureNames::touchpoint).toList();
  }

  /** The journey_features columns of the metrics, in journey order. */
  List<String> metricColumns() {
    return metrics.stream().map(FeatureNames::metric).toList();
  }
}
