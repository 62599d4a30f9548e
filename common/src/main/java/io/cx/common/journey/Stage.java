package io.cx.common.journey;

import java.util.List;

/** A journey stage: its touchpoints (subjective) and metrics (objective). */
public record Stage(String id, String name, List<Touchpoint> touchpoints, List<Metric> metrics) {
  public Stage {
    touchpoints = List.copyOf(touchpoints);
    metrics = List.copyOf(metrics);
  }
}
