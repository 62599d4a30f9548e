package io.cx.jobs.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two journeys fused in one run: touchpoint scores, stage rows, the wide journey_features rows with
 * columns named from the maps, customer attributes and outcomes.
 */
class FuseFeaturesTest {
  static final JourneyMap SHOP =
      TestData.journey(
          """
          journey: shop
          timezone: Asia/Tokyo
          stages:
            - id: browse
              touchpoints: [{id: search}]
              metrics: [{id: searches, events: [search], agg: count}]
            - id: pay
              touchpoints: [{id: checkout}]
            - id: ship
              metrics: [{id: delay, events: [delivered], agg: max}]
          questions:
            q_search1: {touchpoint: search, kind: csat, scale: [1, 5]}
            q_search2: {touchpoint: search, kind: csat, scale: [0, 10]}
            q_checkout: {touchpoint: checkout, kind: csat, scale: [1, 5]}
            q_overall: {kind: overall, scale: [1, 5]}
            q_nps: {kind: nps, scale: [0, 10]}
            q_effort: {kind: ces, scale: [1, 7]}
          outcomes: {satisfaction: q_overall, recommend: q_nps, effort: q_effort}
          window: {lookback_days: 30}
          """);

  static final JourneyMap CARE =
      TestData.journey(
          """
          journey: care
          stages:
            - id: call
              touchpoints: [{id: agent}]
              metrics: [{id: waits, events: [call], agg: sum}]
          questions:
            q_agent: {touchpoint: agent, kind: csat, scale: [1, 5]}
            q_nps_care: {kind: nps, scale: [0, 10]}
          outcomes: {recommend: q_nps_care}
          window: {lookback_days: 7}
          """);

  static Fusion.Fused fused;
  static Map<String, Row> features;
  static Map<String, Map<String, Row>> stages = new HashMap<>();
  static List<String> featureColumns;

  @BeforeAll
  static void fuse() {
    TestData d = new TestData();
    // rA1 at 2024-05-10T20:00Z, which is 2024-05-11 in Tokyo.
    String at = "2024-05-10T20:00:00Z";
    d.answer(SHOP, "rA1", "c1", at, "q_search1", 4.0, "web", 2.5, TestData.RUN)
        .answer(SHOP, "rA1", "c1", at, "q_search2", 8.0, "web", 2.5, TestData.RUN)
        .answer(SHOP, "rA1", "c1", at, "q_checkout", null, "web", 2.5, TestData.RUN)
        .answer(SHOP, "rA1", "c1", at, "q_overall", 5.0, "web", 2.5, TestData.RUN)
        .answer(SHOP, "rA1", "c1", at, "q_nps", 9.0, "web", 2.5, TestData.RUN)
        .answer(SHOP, "rA1", "c1", at, "q_effort", 3.0, "web", 2.5, TestData.RUN);
    d.answer(SHOP, "rA2", "c2", "2024-05-20T23:30:00Z", "q_overall", 2.0);
    d.answer(CARE, "rB1", "c1", "2024-05-12T10:00:00Z", "q_agent", 2.0)
        .answer(CARE, "rB1", "c1", "2024-05-12T10:00:00Z", "q_nps_care", 6.0);
    // c1's window for rA1: [2024-04-10T20:00Z, 2024-05-10T20:00Z); for rB1: [05-05T10:00Z,
    // 05-12T10:00Z).
    d.event("c1", "2024-04-01T00:00:00Z", "search", null) // before rA1's window
        .event("c1", "2024-05-01T00:00:00Z", "search", null)
        .event("c1", "2024-05-09T00:00:00Z", "search", null)
        .event("c1", "2024-05-05T00:00:00Z", "delivered", 26.5)
        .event("c1", "2024-05-08T00:00:00Z", "delivered", 12.0)
        .event("c1", "2024-05-11T08:00:00Z", "call", 30.0)
        .event("c1", "2024-05-11T09:00:00Z", "call", 45.0)
        .event("c1", "2024-05-01T09:00:00Z", "call", 99.0); // before rB1's 7-day window
    // c1 delivered twice: each response takes the newest row on or before its survey date, so the
    // row of June (segment now null, as after a downgrade) does not reach May's responses.
    d.customer("c1", "gold", "north", "2024-04-01", 100.0, LocalDate.of(2024, 5, 1))
        .customer("c1", null, "south", "2024-05-01", 300.0, LocalDate.of(2024, 6, 1));
    fused = d.fuse(SHOP, CARE);
    features = TestData.byResponse(fused.features());
    featureColumns = List.of(fused.features().columns());
    for (Row r : fused.stageFacts().collectAsList()) {
      stages.computeIfAbsent(r.getAs("response_id"), k -> new HashMap<>()).put(r.getAs("stage"), r);
    }
  }

  @Test
  void featureColumnsAreNamedFromTheMapsAndMergedAcrossJourneys() {
    assertEquals(
        List.of(
            "response_id",
            "customer_id",
            "submitted_at",
            "journey",
            "channel",
            "segment",
            "region",
            "tenure_days",
            "annual_value",
            "weight",
            "satisfaction",
            "recommend",
            "effort",
            "tp_search",
            "tp_checkout",
            "m_searches",
            "m_delay",
            "tp_agent",
            "m_waits",
            "run_date"),
        featureColumns);
    assertEquals(
        List.of(
            "response_id",
            "customer_id",
            "submitted_at",
            "journey",
            "channel",
            "segment",
            "region",
            "tenure_days",
            "annual_value",
            "weight",
            "satisfaction",
            "recommend",
            "effort",
            "tp_agent",
            "m_waits",
            "run_date"),
        List.of(FeatureColumns.schemaOf(CARE).fieldNames()));
    assertEquals(List.of("tp_search", "tp_checkout"), FeatureColumns.touchpointColumns(SHOP));
    assertEquals(List.of("m_searches", "m_delay"), FeatureColumns.metricColumns(SHOP));
    assertEquals("tp_x", FeatureColumns.touchpoint("x"));
    assertEquals("m_x", FeatureColumns.metric("x"));
    assertEquals("delay", FeatureColumns.driverId("m_delay"));
    assertEquals("search", FeatureColumns.driverId("tp_search"));
    assertThrows(IllegalArgumentException.class, () -> FeatureColumns.driverId("segment"));
  }

  @Test
  void aFullyAnsweredResponseHasItsScoresOutcomesMetricsAndCustomer() {
    Row r = features.get("rA1");
    assertEquals("shop", r.getAs("journey"));
    assertEquals("web", r.getAs("channel"));
    assertEquals("gold", r.getAs("segment"));
    assertEquals("north", r.getAs("region"));
    // 2024-05-11 (Tokyo) - 2024-04-01.
    assertEquals(40, (int) r.getAs("tenure_days"));
    assertEquals(100.0, (double) r.getAs("annual_value"), 0);
    assertEquals(2.5, (double) r.getAs("weight"), 0);
    assertEquals(1.0, (double) r.getAs("satisfaction"), 1e-12); // (5 - 1) / 4
    assertEquals(9.0, (double) r.getAs("recommend"), 0);
    assertEquals(2.0 / 6.0, (double) r.getAs("effort"), 1e-12); // (3 - 1) / 6
    assertEquals(0.775, (double) r.getAs("tp_search"), 1e-12); // mean of 0.75 and 0.8
    assertNull(r.getAs("tp_checkout"));
    assertEquals(2.0, (double) r.getAs("m_searches"), 0);
    assertEquals(26.5, (double) r.getAs("m_delay"), 0);
    assertNull(r.getAs("tp_agent"));
    assertNull(r.getAs("m_waits"));
  }

  @Test
  void customerAttributesAreTakenAsOfTheSurveyNotTheRunDate() {
    TestData d = new TestData();
    d.answer(SHOP, "before", "c9", "2024-05-15T10:00:00Z", "q_overall", 2.0)
        .answer(SHOP, "after", "c9", "2024-06-25T10:00:00Z", "q_overall", 2.0)
        .answer(SHOP, "early", "c8", "2024-05-02T10:00:00Z", "q_overall", 4.0);
    // c9 churns in June and is downgraded on cancellation: the June row must not reach May.
    d.customer("c9", "gold", "north", "2024-01-01", 500.0, LocalDate.of(2024, 5, 1))
        .customer("c9", "basic", "north", "2024-01-01", 0.0, LocalDate.of(2024, 6, 20))
        // c8 was first ingested after its survey (a first load of history): its only row counts.
        .customer("c8", "silver", "east", "2024-03-01", 70.0, LocalDate.of(2024, 6, 29));
    Map<String, Row> rows = TestData.byResponse(d.fuse(SHOP).features());
    assertEquals("gold", rows.get("before").getAs("segment"));
    assertEquals(500.0, (double) rows.get("before").getAs("annual_value"), 0);
    assertEquals("basic", rows.get("after").getAs("segment"));
    assertEquals(0.0, (double) rows.get("after").getAs("annual_value"), 0);
    assertEquals("silver", rows.get("early").getAs("segment"));
    assertEquals(62, (int) rows.get("early").getAs("tenure_days")); // 05-02 (Tokyo) - 03-01
  }

  @Test
  void aResponseWithoutCustomerEventsOrMostAnswersGetsDefaultsAndNulls() {
    Row r = features.get("rA2");
    assertEquals("unknown", r.getAs("segment"));
    assertNull(r.getAs("region"));
    assertNull(r.getAs("tenure_days"));
    assertNull(r.getAs("annual_value"));
    assertEquals(1.0, (double) r.getAs("weight"), 0);
    assertEquals(0.25, (double) r.getAs("satisfaction"), 1e-12);
    assertNull(r.getAs("recommend"));
    assertNull(r.getAs("effort"));
    assertNull(r.getAs("tp_search"));
    assertEquals(0.0, (double) r.getAs("m_searches"), 0);
    assertNull(r.getAs("m_delay"));
  }

  @Test
  void theSecondJourneyHasItsOwnColumnsAndNullsInTheFirstOnes() {
    Row r = features.get("rB1");
    assertEquals("care", r.getAs("journey"));
    assertNull(r.getAs("satisfaction"));
    assertEquals(6.0, (double) r.getAs("recommend"), 0);
    assertNull(r.getAs("effort"));
    assertEquals(0.25, (double) r.getAs("tp_agent"), 1e-12);
    assertEquals(75.0, (double) r.getAs("m_waits"), 0);
    assertNull(r.getAs("tp_search"));
    assertNull(r.getAs("m_searches"));
    // 2024-05-12 (UTC, the care journey's zone) - 2024-04-01, the signup of May's row.
    assertEquals(41, (int) r.getAs("tenure_days"));
    assertEquals(3, features.size());
  }

  @Test
  void everyStageOfTheJourneyHasARowWithItsTouchpointsAndMetrics() {
    assertEquals(3, stages.get("rA1").size());
    assertEquals(3, stages.get("rA2").size());
    assertEquals(1, stages.get("rB1").size());

    Row browse = stages.get("rA1").get("browse");
    Row search = browse.<Row>getList(browse.fieldIndex("touchpoints")).get(0);
    assertEquals("search", search.getAs("touchpoint"));
    assertEquals(6.0, (double) search.getAs("score"), 1e-12); // mean of 4 and 8, raw
    assertEquals(0.775, (double) search.getAs("score_norm"), 1e-12);
    Row searches = browse.<Row>getList(browse.fieldIndex("metrics")).get(0);
    assertEquals(List.of("searches", "count", 2.0, 2L), rowValues(searches));

    Row pay = stages.get("rA1").get("pay");
    Row checkout = pay.<Row>getList(pay.fieldIndex("touchpoints")).get(0);
    assertEquals("checkout", checkout.getAs("touchpoint"));
    assertNull(checkout.getAs("score"));
    assertNull(checkout.getAs("score_norm"));
    assertTrue(pay.getList(pay.fieldIndex("metrics")).isEmpty());

    Row ship = stages.get("rA1").get("ship");
    assertTrue(ship.getList(ship.fieldIndex("touchpoints")).isEmpty());
    Row delay = ship.<Row>getList(ship.fieldIndex("metrics")).get(0);
    assertEquals(List.of("delay", "max", 26.5, 2L), rowValues(delay));

    Row call = stages.get("rB1").get("call");
    assertEquals("care", call.getAs("journey"));
    assertEquals(TestData.ts("2024-05-12T10:00:00Z"), call.getAs("submitted_at"));
    assertEquals(java.sql.Date.valueOf(TestData.RUN), call.getAs("run_date"));
    Row waits = call.<Row>getList(call.fieldIndex("metrics")).get(0);
    assertEquals(List.of("waits", "sum", 75.0, 2L), rowValues(waits));
  }

  @Test
  void theTablesHaveTheDocumentedSchemas() {
    assertEquals(
        Schemas.JOURNEY_STAGE_FACTS.simpleString(), fused.stageFacts().schema().simpleString());
    assertEquals(Schemas.CHURN_LABELS.simpleString(), fused.churnLabels().schema().simpleString());
    assertEquals(
        FeatureColumns.schemaOf(List.of(SHOP, CARE)).simpleString(),
        fused.features().schema().simpleString());
    // Neither journey has a churn rule.
    assertEquals(0, fused.churnLabels().count());
  }

  private static List<Object> rowValues(Row r) {
    return List.of(r.get(0), r.get(1), r.get(2), r.get(3));
  }
}
