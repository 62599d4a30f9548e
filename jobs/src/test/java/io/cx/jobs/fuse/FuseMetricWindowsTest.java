package io.cx.jobs.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.journey.JourneyMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objective metrics in journey_stage_facts: every aggregation at the edges of the look-back window
 * [submitted_at - lookback, submitted_at), percentiles, and windows without events.
 */
class FuseMetricWindowsTest {
  static final JourneyMap EDGES =
      TestData.journey(
          """
          journey: edges
          stages:
            - id: use
              touchpoints: [{id: app}]
              metrics:
                - {id: n_x, events: [x], agg: count}
                - {id: sum_x, events: [x], agg: sum}
                - {id: avg_x, events: [x], agg: avg}
                - {id: min_x, events: [x], agg: min}
                - {id: max_x, events: [x], agg: max}
                - {id: p50_x, events: [x], agg: p50}
                - {id: p90_x, events: [x], agg: p90}
                - {id: any_x, events: [x], agg: exists}
                - {id: n_xy, events: [x, y], agg: count}
          questions:
            q_app: {touchpoint: app, kind: csat, scale: [1, 5]}
            q_overall: {kind: overall, scale: [1, 5]}
          outcomes: {satisfaction: q_overall}
          window: {lookback_days: 10}
          """);

  static Map<String, Map<String, Row>> metrics;

  @BeforeAll
  static void fuse() {
    TestData d = new TestData();
    // r1: submitted 2024-03-20 12:00, window [2024-03-10T12:00Z, 2024-03-20T12:00Z).
    d.answer(EDGES, "r1", "c1", "2024-03-20T12:00:00Z", "q_app", 4.0);
    // r3: same customer, submitted exactly at the time of one of its events; window
    // [2024-03-05T08:00Z, 2024-03-15T08:00Z).
    d.answer(EDGES, "r3", "c1", "2024-03-15T08:00:00Z", "q_app", 3.0);
    // r2: a customer without any event.
    d.answer(EDGES, "r2", "c2", "2024-03-20T12:00:00Z", "q_app", 5.0);
    // r4: percentiles over five values; window [2024-04-01T00:00Z, 2024-04-11T00:00Z).
    d.answer(EDGES, "r4", "c4", "2024-04-11T00:00:00Z", "q_app", 2.0);
    // r5: only events without a value.
    d.answer(EDGES, "r5", "c5", "2024-04-11T00:00:00Z", "q_app", 2.0);

    d.event("c1", "2024-03-10T11:59:59.999999Z", "x", 100.0) // before r1's window, in r3's
        .event("c1", "2024-03-10T12:00:00Z", "x", 4.0) // exactly r1's window start: counts
        .event("c1", "2024-03-15T08:00:00Z", "x", 10.0) // in r1; at r3's submitted_at: not r3
        .event("c1", "2024-03-18T00:00:00Z", "x", null) // no value: count and exists only
        .event("c1", "2024-03-19T10:00:00Z", "y", 7.0) // another type
        .event("c1", "2024-03-20T11:59:59.999999Z", "x", 1.0) // last instant of r1's window
        .event("c1", "2024-03-20T12:00:00Z", "x", 1000.0) // at r1's submitted_at: never
        .event("c1", "2024-03-20T12:00:00.000001Z", "x", 2000.0) // just after: never
        .event("c2x", "2024-03-15T00:00:00Z", "x", 3.0); // another customer
    for (String[] e :
        new String[][] {
          {"2024-04-01T00:00:00Z", "10"},
          {"2024-04-02T00:00:00Z", "1"},
          {"2024-04-05T13:00:00Z", "3"},
          {"2024-04-05T14:00:00Z", "2"},
          {"2024-04-10T23:59:59Z", "4"}
        }) {
      d.event("c4", e[0], "x", Double.valueOf(e[1]));
    }
    d.event("c5", "2024-04-05T00:00:00Z", "x", null).event("c5", "2024-04-06T00:00:00Z", "x", null);
    metrics = TestData.metricsByResponse(d.fuse(EDGES).stageFacts());
  }

  private static void assertMetric(
      String response, String metric, String agg, Double value, long nEvents) {
    Row m = metrics.get(response).get(metric);
    assertEquals(agg, m.getAs("agg"), response + " " + metric);
    if (value == null) {
      assertNull(m.getAs("value"), response + " " + metric);
    } else {
      assertEquals(value, (Double) m.getAs("value"), 1e-9, response + " " + metric);
    }
    assertEquals(nEvents, (long) m.getAs("n_events"), response + " " + metric + " n_events");
  }

  @Test
  void anEventExactlyAtTheWindowStartCountsOneAtOrAfterTheSurveyNever() {
    // r1 sees 4.0 (start), 10.0, a valueless event and 1.0; not 100.0 (1 us before the start),
    // nor 1000.0 (at submitted_at), nor 2000.0 (1 us after).
    assertMetric("r1", "n_x", "count", 4.0, 4);
    assertMetric("r1", "sum_x", "sum", 15.0, 3);
    assertMetric("r1", "avg_x", "avg", 5.0, 3);
    assertMetric("r1", "min_x", "min", 1.0, 3);
    assertMetric("r1", "max_x", "max", 10.0, 3);
    // Sorted 1, 4, 10: p50 at position 0.5 x 2 = 1 -> 4; p90 at 1.8 -> 4 + 0.8 x 6 = 8.8.
    assertMetric("r1", "p50_x", "p50", 4.0, 3);
    assertMetric("r1", "p90_x", "p90", 8.8, 3);
    assertMetric("r1", "any_x", "exists", 1.0, 4);
    // Both types: the four x events and the y event.
    assertMetric("r1", "n_xy", "count", 5.0, 5);
  }

  @Test
  void aSecondResponseOfTheSameCustomerHasItsOwnWindow() {
    // r3 sees 100.0 and 4.0; 10.0 lies exactly at its submitted_at.
    assertMetric("r3", "n_x", "count", 2.0, 2);
    assertMetric("r3", "sum_x", "sum", 104.0, 2);
    assertMetric("r3", "avg_x", "avg", 52.0, 2);
    assertMetric("r3", "min_x", "min", 4.0, 2);
    assertMetric("r3", "max_x", "max", 100.0, 2);
    // Sorted 4, 100: p50 at 0.5 -> 4 + 0.5 x 96 = 52; p90 at 0.9 -> 4 + 0.9 x 96 = 90.4.
    assertMetric("r3", "p50_x", "p50", 52.0, 2);
    assertMetric("r3", "p90_x", "p90", 90.4, 2);
    assertMetric("r3", "any_x", "exists", 1.0, 2);
  }

  @Test
  void withoutEventsCountAndExistsAreZeroTheOthersNullAndNEventsZero() {
    assertMetric("r2", "n_x", "count", 0.0, 0);
    assertMetric("r2", "any_x", "exists", 0.0, 0);
    for (String m : List.of("sum_x", "avg_x", "min_x", "max_x", "p50_x", "p90_x")) {
      assertMetric("r2", m, m.substring(0, 3), null, 0);
    }
  }

  @Test
  void eventsWithoutValuesCountButGiveNoValue() {
    assertMetric("r5", "n_x", "count", 2.0, 2);
    assertMetric("r5", "any_x", "exists", 1.0, 2);
    assertMetric("r5", "sum_x", "sum", null, 0);
    assertMetric("r5", "max_x", "max", null, 0);
    assertMetric("r5", "p90_x", "p90", null, 0);
  }

  @Test
  void percentilesInterpolateLinearlyBetweenTheClosestRanks() {
    // Values 10, 1, 3, 2, 4 -> sorted 1, 2, 3, 4, 10 (n = 5).
    // p50: position 0.5 x 4 = 2 -> 3. p90: position 3.6 -> 4 + 0.6 x (10 - 4) = 7.6.
    assertMetric("r4", "p50_x", "p50", 3.0, 5);
    assertMetric("r4", "p90_x", "p90", 7.6, 5);
    assertMetric("r4", "avg_x", "avg", 4.0, 5);
  }
}
