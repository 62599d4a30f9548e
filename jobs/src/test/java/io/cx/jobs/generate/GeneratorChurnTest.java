package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.generate.GeneratedSample.Ev;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planted churn, measured from the files: churners stop, labels follow the journey map's churn
 * rule (an account_closed event, or 60 days without app_open/order_placed, inside the 90-day
 * horizon), and the true probabilities rank the outcomes as truth.json says.
 */
class GeneratorChurnTest {
  private static final long DAY = 86_400L;
  private static final long HORIZON = 90 * DAY;
  private final GeneratedSample s = GeneratedSample.get();

  @Test
  void nothingHappensAfterTheEndDateOrBeforeTheWindow() {
    long end = GeneratedSample.epoch("2024-07-01T00:00:00Z");
    long eventStart = GeneratedSample.epoch(s.truth.generation().eventStart() + "T00:00:00Z");
    long surveyStart = GeneratedSample.epoch(s.truth.generation().surveyStart() + "T00:00:00Z");
    assertEquals("2023-12-04", s.truth.generation().eventStart());
    for (List<String> r : s.events.rows()) {
      long t = GeneratedSample.epoch(r.get(2));
      assertTrue(t >= eventStart && t < end, r.toString());
    }
    for (List<String> r : s.wide.rows()) {
      long t = GeneratedSample.epoch(r.get(2));
      assertTrue(t >= surveyStart && t < end, r.toString());
    }
  }

  @Test
  void churnersStopAllActivityAtTheirChurn() {
    int closed = 0;
    for (Map.Entry<String, List<Ev>> c : s.eventsByCustomer.entrySet()) {
      List<Ev> evs = c.getValue();
      for (int i = 0; i < evs.size(); i++) {
        if (evs.get(i).type().equals("account_closed")) {
          closed++;
          assertEquals(evs.size() - 1, i, "account_closed is the last event of " + c.getKey());
        }
      }
    }
    assertEquals(s.truth.churn().accountClosedCustomers(), closed);
    int inactive = 0;
    for (List<String> p : s.probabilities.rows()) {
      if (p.get(5).equals("inactivity") && GeneratedSample.epoch(p.get(6)) < s.endExclusive()) {
        inactive++;
        long at = GeneratedSample.epoch(p.get(6));
        for (Ev e : s.eventsByCustomer.get(p.get(1))) {
          assertTrue(e.time() < at, "event after inactivity churn of " + p.get(1));
        }
      }
    }
    assertEquals(s.truth.churn().inactivityCustomers(), inactive);
    assertTrue(inactive >= 20, "inactivity churners " + inactive);
  }

  @Test
  void labelsByTheJourneyRuleMatchThePlantedChurn() {
    Map<String, Long> submitted = new HashMap<>();
    s.wide.rows().forEach(r -> submitted.put(r.get(0), GeneratedSample.epoch(r.get(2))));
    long observedBefore = GeneratedSample.epoch(s.truth.churn().observedBefore());
    int observed = 0;
    int churned = 0;
    int byInactivityOnly = 0;
    for (List<String> p : s.probabilities.rows()) {
      long at = submitted.get(p.get(0));
      boolean isObserved = at + HORIZON <= observedBefore;
      assertEquals(isObserved, Boolean.parseBoolean(p.get(3)), p.toString());
      if (!isObserved) {
        continue;
      }
      observed++;
      List<Ev> evs = s.eventsByCustomer.get(p.get(1));
      boolean closed = false;
      List<Long> activity = new ArrayList<>(List.of(at));
      for (Ev e : evs) {
        boolean inHorizon = e.time() > at && e.time() <= at + HORIZON;
        closed |= inHorizon && e.type().equals("account_closed");
        if (inHorizon && (e.type().equals("app_open") || e.type().equals("order_placed"))) {
          activity.add(e.time());
        }
      }
      activity.add(at + HORIZON);
      long gap = 0;
      for (int i = 1; i < activity.size(); i++) {
        gap = Math.max(gap, activity.get(i) - activity.get(i - 1));
      }
      boolean label = closed || gap >= 60 * DAY;
      assertEquals(Boolean.parseBoolean(p.get(4)), label, "label of " + p);
      churned += label ? 1 : 0;
      byInactivityOnly += label && !closed ? 1 : 0;
    }
    assertEquals(s.truth.churn().observedResponses(), observed);
    assertEquals(s.truth.churn().churnedObservedResponses(), churned);
    assertTrue(byInactivityOnly >= 10, "inactivity-only churn labels " + byInactivityOnly);
  }

  @Test
  void churnRateAndOracleAucAreInRange() {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (List<String> p : s.probabilities.rows()) {
      if (Boolean.parseBoolean(p.get(3))) {
        (Boolean.parseBoolean(p.get(4)) ? pos : neg).add(Double.valueOf(p.get(2)));
      }
    }
    double wins = 0;
    for (double a : pos) {
      for (double b : neg) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    double auc = wins / ((double) pos.size() * neg.size());
    Truth.Churn churn = s.truth.churn();
    assertEquals(churn.oracleAuc(), auc, 1e-3);
    assertTrue(auc > 0.7 && auc < 0.9, "oracle AUC " + auc);
    double rate = pos.size() / (double) (pos.size() + neg.size());
    assertEquals(churn.rate(), rate, 1e-4);
    assertTrue(rate >= 0.15 && rate <= 0.30, "churn rate " + rate);
    assertTrue(churn.churnedCustomers() >= 250, "churned customers " + churn.churnedCustomers());
    assertEquals(List.of("payment_errors", "delivery_delay_hours"), churn.expectedMetricOrder());
  }

  @Test
  void aCustomerAnswersAtMostTwoSurveysAHorizonApart() {
    Map<String, List<Long>> times = new HashMap<>();
    s.wide
        .rows()
        .forEach(
            r ->
                times
                    .computeIfAbsent(r.get(1), k -> new ArrayList<>())
                    .add(GeneratedSample.epoch(r.get(2))));
    int twice = 0;
    for (List<Long> t : times.values()) {
      assertTrue(t.size() <= 2);
      if (t.size() == 2) {
        twice++;
        assertTrue(Math.abs(t.get(1) - t.get(0)) >= HORIZON);
      }
    }
    assertTrue(twice > 300, "customers with two surveys " + twice);
    assertFalse(times.isEmpty());
  }
}
