package io.cx.jobs.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * churn_labels on the run date 2024-06-30 (UTC; known up to 2024-07-01T00:00Z), horizon 30 days,
 * churn event {@code closed}, inactivity 10 days of no {@code open}. Each response has its own
 * customer.
 */
class FuseChurnLabelsTest {
  static final JourneyMap SUBS =
      TestData.journey(
          """
          journey: subs
          stages:
            - id: use
              touchpoints: [{id: app}]
          questions:
            q_app: {touchpoint: app, kind: csat, scale: [1, 5]}
            q_nps: {kind: nps, scale: [0, 10]}
          outcomes: {recommend: q_nps}
          churn: {horizon_days: 30, events: [closed], inactive_days: 10, activity_events: [open]}
          """);

  static final JourneyMap NO_RULE =
      TestData.journey(
          """
          journey: norule
          stages:
            - id: visit
              touchpoints: [{id: store}]
          questions:
            q_store: {touchpoint: store, kind: csat, scale: [1, 5]}
            q_nps_store: {kind: nps, scale: [0, 10]}
          outcomes: {recommend: q_nps_store}
          """);

  static Map<String, Row> labels;

  /** Opens every 7 days from 03-05: never 10 days apart, and the last 5 days before 03-31. */
  private static void steadyActivity(TestData d, String customer) {
    for (String day : new String[] {"05", "12", "19", "26"}) {
      d.event(customer, "2024-03-" + day + "T12:00:00Z", "open", null);
    }
  }

  @BeforeAll
  static void fuse() {
    TestData d = new TestData();
    String march = "2024-03-01T00:00:00Z"; // horizon (03-01, 03-31T00:00Z], fully observed
    String[] observed = {"byEvent", "byGap", "byTail", "stays", "atHorizonEnd", "noActivity"};
    for (String r : observed) {
      d.answer(SUBS, r, "c_" + r, march, "q_nps", 8.0);
    }
    steadyActivity(d, "c_byEvent");
    d.event("c_byEvent", "2024-03-20T10:00:00Z", "closed", null);

    // Opens on 03-03 06:00 and 03-20 06:00: 17 days apart, inactive for 10 days on 03-13 06:00.
    d.event("c_byGap", "2024-03-03T06:00:00Z", "open", null)
        .event("c_byGap", "2024-03-20T06:00:00Z", "open", null)
        .event("c_byGap", "2024-03-25T06:00:00Z", "open", null);

    // Last open on 03-10 00:00, nothing after: inactive for 10 days on 03-20 00:00.
    d.event("c_byTail", "2024-03-05T00:00:00Z", "open", null)
        .event("c_byTail", "2024-03-10T00:00:00Z", "open", null);

    // Steady, a close exactly at submitted_at (outside the horizon) and one 1 us after its end.
    steadyActivity(d, "c_stays");
    d.event("c_stays", march, "closed", null)
        .event("c_stays", "2024-03-31T00:00:00.000001Z", "closed", null);

    // A close exactly at the horizon end counts.
    steadyActivity(d, "c_atHorizonEnd");
    d.event("c_atHorizonEnd", "2024-03-31T00:00:00Z", "closed", null);

    // No activity at all after the survey (only before): inactive from 03-01 + 10 days.
    d.event("c_noActivity", "2024-02-28T00:00:00Z", "open", null);

    // Several opens a day, some before the survey on its own day: the gap that counts runs from a
    // day's last open (03-05 23:00) to the next day's first (03-15 22:00), 9 days 23 hours.
    d.answer(SUBS, "busyDays", "c_busyDays", "2024-03-01T12:00:00Z", "q_nps", 8.0);
    for (String t :
        new String[] {
          "03-01T06:00",
          "03-01T18:00",
          "03-05T08:00",
          "03-05T12:00",
          "03-05T23:00",
          "03-15T22:00",
          "03-15T23:00",
          "03-22T00:00"
        }) {
      d.event("c_busyDays", "2024-" + t + ":00Z", "open", null);
    }

    // Horizon (06-20, 07-20]: not observed by the end of the run date.
    d.answer(SUBS, "censored", "c_censored", "2024-06-20T00:00:00Z", "q_nps", 8.0);
    d.event("c_censored", "2024-06-25T00:00:00Z", "open", null);
    d.answer(SUBS, "earlyEvent", "c_earlyEvent", "2024-06-20T00:00:00Z", "q_nps", 8.0);
    d.event("c_earlyEvent", "2024-06-28T09:00:00Z", "closed", null);
    // Horizon (06-01, 07-01T00:00Z]: ends exactly at the end of the run date, so not observed;
    // but no open since 06-01, so inactive for 10 days on 06-11, already seen.
    d.answer(SUBS, "earlyGap", "c_earlyGap", "2024-06-01T00:00:00Z", "q_nps", 8.0);
    // An event after the run date (it cannot be known) is ignored.
    d.answer(SUBS, "future", "c_future", "2024-06-20T00:00:00Z", "q_nps", 8.0);
    d.event("c_future", "2024-06-22T00:00:00Z", "open", null)
        .event("c_future", "2024-07-01T00:00:00Z", "closed", null);

    d.answer(NO_RULE, "noRule", "c_byEvent", march, "q_nps_store", 3.0);
    labels = TestData.byResponse(d.fuse(SUBS, NO_RULE).churnLabels());
  }

  private static void assertLabel(
      String response, Boolean churned, String churnDate, String rule, boolean observed) {
    Row r = labels.get(response);
    assertEquals(churned, r.getAs("churned"), response + " churned");
    assertEquals(
        churnDate == null ? null : Date.valueOf(churnDate), r.getAs("churn_date"), response);
    assertEquals(rule, r.getAs("churn_rule"), response + " rule");
    assertEquals(observed, r.getAs("observed"), response + " observed");
  }

  @Test
  void churnByAnEventInTheHorizon() {
    assertLabel("byEvent", true, "2024-03-20", "event", true);
    assertLabel("atHorizonEnd", true, "2024-03-31", "event", true);
  }

  @Test
  void churnByInactivityBetweenActivitiesOrAfterTheLastOne() {
    assertLabel("byGap", true, "2024-03-13", "inactivity", true);
    assertLabel("byTail", true, "2024-03-20", "inactivity", true);
    assertLabel("noActivity", true, "2024-03-11", "inactivity", true);
  }

  @Test
  void eventsAtSubmissionOrAfterTheHorizonDoNotCount() {
    assertLabel("stays", false, null, null, true);
    assertLabel("busyDays", false, null, null, true);
    Row r = labels.get("stays");
    assertEquals(TestData.ts("2024-03-31T00:00:00Z"), r.getAs("horizon_end"));
    assertEquals("c_stays", r.getAs("customer_id"));
    assertEquals("subs", r.getAs("journey"));
    assertEquals(TestData.ts("2024-03-01T00:00:00Z"), r.getAs("submitted_at"));
  }

  @Test
  void anOpenHorizonIsCensoredUnlessChurnWasAlreadySeen() {
    assertLabel("censored", null, null, null, false);
    assertLabel("earlyEvent", true, "2024-06-28", "event", false);
    assertLabel("earlyGap", true, "2024-06-11", "inactivity", false);
    // The close on 07-01 lies after the run date; the open on 06-22 leaves 10 days up to 07-02.
    assertLabel("future", null, null, null, false);
    assertEquals(TestData.ts("2024-07-01T00:00:00Z"), labels.get("earlyGap").getAs("horizon_end"));
  }

  @Test
  void aJourneyWithoutChurnRuleHasNoRows() {
    assertFalse(labels.containsKey("noRule"));
    assertEquals(11, labels.size());
    assertTrue(
        labels.values().stream()
            .allMatch(r -> r.getAs("run_date").equals(Date.valueOf(TestData.RUN))));
  }
}
