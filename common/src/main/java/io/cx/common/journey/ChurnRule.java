package io.cx.common.journey;

import java.util.List;

/**
 * What churn means: an explicit churn event in {@code (submitted_at, submitted_at + horizon]}, or
 * no activity event for {@code inactiveDays} inside the horizon.
 */
public record ChurnRule(
    int horizonDays, List<String> events, int inactiveDays, List<String> activityEvents) {
  public ChurnRule {
    events = List.copyOf(events);
    activityEvents = List.copyOf(activityEvents);
  }
}
