package io.cx.common.journey;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One journey map (data contract, section 2), loaded and validated by {@link JourneyMapLoader}.
 * Immutable.
 */
public record JourneyMap(
    String id,
    String sourceFile,
    ZoneId timezone,
    List<Stage> stages,
    Map<String, Question> questions,
    Outcomes outcomes,
    int lookbackDays,
    ChurnRule churn) {

  public JourneyMap {
    stages = List.copyOf(stages);
    questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions));
  }

  /** Every touchpoint, in journey order. */
  public List<Touchpoint> touchpoints() {
    List<Touchpoint> out = new ArrayList<>();
    stages.forEach(s -> out.addAll(s.touchpoints()));
    return out;
  }

  /** Every objective metric, in journey order. */
  public List<Metric> metrics() {
    List<Metric> out = new ArrayList<>();
    stages.forEach(s -> out.addAll(s.metrics()));
    return out;
  }

  /** The stage a touchpoint belongs to. */
  public Optional<Stage> stageOfTouchpoint(String touchpointId) {
    return stages.stream()
        .filter(s -> s.touchpoints().stream().anyMatch(t -> t.id().equals(touchpointId)))
        .findFirst();
  }

  /** The stage a metric belongs to. */
  public Optional<Stage> stageOfMetric(String metricId) {
    return stages.stream()
        .filter(s -> s.metrics().stream().anyMatch(m -> m.id().equals(metricId)))
        .findFirst();
  }

  /** The questions that rate a touchpoint, in declaration order. */
  public List<Question> questionsOf(String touchpointId) {
    return questions.values().stream().filter(q -> touchpointId.equals(q.touchpoint())).toList();
  }
}
