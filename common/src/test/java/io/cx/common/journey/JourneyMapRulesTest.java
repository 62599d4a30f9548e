package io.cx.common.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.Problems;
import io.cx.common.config.YamlFiles;
import io.cx.common.error.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per journey-map rule: each asserts the exact key and message. */
public class JourneyMapRulesTest {
  public static final String VALID =
      """
      journey: shop
      stages:
        - id: purchase
          name: Checkout
          touchpoints: [{id: checkout, name: Checkout flow}]
          metrics:
            - {id: payment_errors, events: [Payment_Error], agg: count}
            - {id: wait_p90, events: [wait], agg: p90}
      questions:
        q_checkout: {touchpoint: checkout, kind: csat, scale: [1, 5]}
        q_overall: {kind: overall, scale: [1, 5]}
        q_nps: {kind: nps, scale: [0, 10]}
      outcomes: {satisfaction: q_overall, recommend: q_nps}
      window: {lookback_days: 30}
      churn: {horizon_days: 90, events: [account_closed], inactive_days: 60, activity_events: [app_open]}
      """;

  static List<ConfigProblem> problems(String yaml) {
    Problems p = new Problems("j.yaml");
    JourneyMapLoader.fromTree(YamlFiles.parse(yaml, p), "j.yaml", p);
    return p.all();
  }

  static void assertProblem(String yaml, String key, String message) {
    List<ConfigProblem> all = problems(yaml);
    assertTrue(
        all.contains(new ConfigProblem("j.yaml", key, message)),
        "expected " + key + ": " + message + " in " + all);
  }

  @Test
  void theValidMapLoadsWithItsDefaultsAndLowerCasedEvents() {
    Problems p = new Problems("j.yaml");
    JourneyMap m = JourneyMapLoader.fromTree(YamlFiles.parse(VALID, p), "j.yaml", p);
    assertEquals(List.of(), p.all());
    assertNotNull(m);
    assertEquals("UTC", m.timezone().getId());
    assertEquals(List.of("payment_error"), m.metrics().get(0).events());
    assertEquals(new Agg(Agg.Kind.PERCENTILE, 0.9), m.metrics().get(1).agg());
    assertEquals("purchase", m.stageOfTouchpoint("checkout").orElseThrow().id());
    assertEquals(30, m.lookbackDays());
    assertNull(m.outcomes().effort());
  }

  @Test
  void unknownKeyGetsADidYouMeanHint() {
    assertProblem(
        VALID.replace("window:", "windw:"),
        "windw",
        "unknown key; did you mean 'window'? Known keys here: journey, timezone, stages, questions, outcomes, window, churn.");
    assertProblem(
        VALID.replace("horizon_days", "horizon_dys"),
        "churn.horizon_dys",
        "unknown key; did you mean 'horizon_days'? Known keys here: horizon_days, events, inactive_days, activity_events.");
  }

  @Test
  void idsMustBeSafeIdentifiers() {
    assertProblem(
        VALID
            .replace("id: checkout,", "id: Check-Out,")
            .replace("touchpoint: checkout", "touchpoint: Check-Out"),
        "stages[0].touchpoints[0].id",
        "'Check-Out' is not a valid id: use lower-case letters, digits and _, starting with a letter, at most 63 characters (e.g. 'check_out'), because ids become column names");
  }

  @Test
  void stageIdsAreUnique() {
    String twice =
        VALID.replace(
            "questions:",
            """
          - id: purchase
            metrics: [{id: other, events: [x], agg: count}]
        questions:"""
                .stripIndent()
                .replace("\n- id", "\n  - id")
                .replace("\n  metrics", "\n    metrics"));
    assertProblem(
        twice, "stages[1].id", "stage id 'purchase' is used twice; give each stage its own id");
  }

  @Test
  void touchpointAndMetricIdsAreUniqueInAJourney() {
    assertProblem(
        VALID.replace("id: wait_p90", "id: checkout"),
        "stages[0].metrics[1].id",
        "metric id 'checkout' is already used by a touchpoint; touchpoint and metric ids must be unique in a journey, as they name columns");
  }

  @Test
  void questionIdsAreUnique() {
    List<ConfigProblem> all =
        problems(
            VALID.replace("  q_nps:", "  q_overall: {kind: overall, scale: [1, 5]}\n  q_nps:"));
    assertEquals(1, all.size(), all.toString());
    assertTrue(all.get(0).message().contains("Duplicate field 'q_overall'"), all.toString());
  }

  @Test
  void everyTouchpointHasAQuestion() {
    assertProblem(
        VALID.replace("  q_checkout: {touchpoint: checkout, kind: csat, scale: [1, 5]}\n", ""),
        "questions",
        "touchpoint 'checkout' has no question; declare one with {touchpoint: checkout, kind: csat, scale: [1, 5]}");
  }

  @Test
  void scalesHaveMinBelowMax() {
    assertProblem(
        VALID.replace(
            "q_overall: {kind: overall, scale: [1, 5]}",
            "q_overall: {kind: overall, scale: [5, 5]}"),
        "questions.q_overall.scale",
        "min must be below max, got [5, 5]");
    assertProblem(
        VALID.replace(
            "q_overall: {kind: overall, scale: [1, 5]}", "q_overall: {kind: overall, scale: [1]}"),
        "questions.q_overall.scale",
        "must be [min, max], e.g. scale: [1, 5]");
    assertProblem(
        VALID.replace("scale: [0, 10]", "scale: [1, 10]"),
        "questions.q_nps.scale",
        "an nps question is on [0, 10], got [1, 10]");
  }

  @Test
  void questionsNameADeclaredTouchpointAndAKnownKind() {
    assertProblem(
        VALID.replace("touchpoint: checkout, kind", "touchpoint: chekout, kind"),
        "questions.q_checkout.touchpoint",
        "'chekout' is not a touchpoint of this journey; declare it under a stage's touchpoints (did you mean 'checkout'?)");
    assertProblem(
        VALID.replace("kind: overall", "kind: general"),
        "questions.q_overall.kind",
        "'general' is not a question kind; use csat, nps, ces or overall");
    assertProblem(
        VALID.replace("touchpoint: checkout, kind: csat", "kind: csat"),
        "questions.q_checkout.touchpoint",
        "a csat question rates a touchpoint; name it with touchpoint: <id>");
  }

  @Test
  void outcomesNameDeclaredQuestions() {
    assertProblem(
        VALID.replace("satisfaction: q_overall", "satisfaction: q_overal"),
        "outcomes.satisfaction",
        "'q_overal' is not a declared question; declare it under questions (did you mean 'q_overall'?)");
    assertProblem(
        VALID.replace("recommend: q_nps", "recommend: q_overall"),
        "outcomes.recommend",
        "'q_overall' must be a question of kind nps");
    assertProblem(
        VALID.replace("outcomes: {satisfaction: q_overall, recommend: q_nps}", "outcomes: {}"),
        "outcomes",
        "must name at least one of satisfaction (e.g. satisfaction: q_overall) and recommend (e.g. recommend: q_nps)");
  }

  @Test
  void theChurnHorizonIsAtLeastInactiveDays() {
    assertProblem(
        VALID.replace("horizon_days: 90", "horizon_days: 30"),
        "churn.horizon_days",
        "the churn horizon (30) must be at least inactive_days (60); raise horizon_days or lower inactive_days");
    assertProblem(
        VALID.replace(", activity_events: [app_open]", ""),
        "churn.activity_events",
        "must list the events that count as activity, e.g. [app_open, order_placed]");
    assertProblem(
        VALID.replace(
            "events: [account_closed], inactive_days: 60, activity_events: [app_open]",
            "events: []"),
        "churn",
        "must define churn by events (events: [account_closed]) and/or inactivity (inactive_days: 60)");
  }

  @Test
  void metricsHaveEventsAndAKnownAggregation() {
    assertProblem(
        VALID.replace("agg: p90", "agg: median"),
        "stages[0].metrics[1].agg",
        "'median' is not an aggregation; use count, sum, avg, min, max, pNN (p1..p99) or exists");
    assertProblem(
        VALID.replace("events: [wait], ", ""),
        "stages[0].metrics[1].events",
        "must list at least one event type, e.g. events: [payment_error]");
  }

  @Test
  void timezoneAndWindowAreChecked() {
    assertProblem(
        VALID.replace("journey: shop", "journey: shop\ntimezone: Mars/Olympus"),
        "timezone",
        "'Mars/Olympus' is not a time zone; use an id such as UTC or Europe/Paris");
    assertProblem(
        VALID.replace("lookback_days: 30", "lookback_days: 0"),
        "window.lookback_days",
        "must be at least 1 (days before the survey)");
    assertProblem(
        VALID.replace("lookback_days: 30", "lookback_days: thirty"),
        "window.lookback_days",
        "must be a whole number, got 'thirty'");
  }

  @Test
  void aStageNeedsTouchpointsOrMetrics() {
    assertProblem(
        "journey: shop\nstages: []\nquestions: {q: {kind: overall, scale: [1, 5]}}\noutcomes: {satisfaction: q}\n",
        "stages",
        "must list at least one stage, each with an id and its touchpoints and/or metrics");
  }

  @Test
  void badYamlNamesTheLine() {
    List<ConfigProblem> all = problems("journey: shop\nstages: [\n");
    assertEquals(1, all.size());
    assertTrue(all.get(0).key().startsWith("(line "), all.toString());
  }
}
