package io.cx.common.journey;

import java.util.List;

/**
 * An objective metric of a stage, computed per survey response from that customer's events in the
 * look-back window before the survey.
 */
public record Metric(String id, List<String> events, Agg agg) {
  public Metric {
    events = List.copyOf(events);
  }
}
