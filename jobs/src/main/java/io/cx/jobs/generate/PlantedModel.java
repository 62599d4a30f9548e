package io.cx.jobs.generate;

import io.cx.common.journey.ChurnRule;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planted ground truth: how touchpoint scores follow from a customer's events, how overall
 * satisfaction, NPS and effort follow from the touchpoints, and how churn follows from both. Every
 * number here is written to {@code truth.json} by {@link TruthBuilder}; tests of later jobs check
 * that they recover it.
 *
 * <p>Scores are built from latent values on the question's own scale: a touchpoint's experience
 * {@code e_t = base_t + segment shift + effects of its metrics + N(0, experience sd)}; its rating
 * is {@code clamp(round(e_t + halo + N(0, rating noise sd)))}; overall satisfaction is {@code
 * clamp(round(intercept + sum_t w_t e_t + halo + N(0, overall noise sd)))}, where a customer with
 * no call-centre contact in the window contributes {@link #SUPPORT_BASELINE} for support.
 */
final class PlantedModel {
  // Ids of the online_retail journey map the model is written for.
  static final String SEARCH = "search";
  static final String CHECKOUT = "checkout";
  static final String DELIVERY = "delivery";
  static final String SUPPORT = "support";

  static final String SEARCH_FAILURES = "search_failures";
  static final String APP_SESSIONS = "app_sessions";
  static final String PAYMENT_ERRORS = "payment_errors";
  static final String CHECKOUT_SECONDS = "checkout_seconds";
  static final String DELIVERY_DELAY_HOURS = "delivery_delay_hours";
  static final String SUPPORT_CONTACTS = "support_contacts";
  static final String SUPPORT_WAIT_P90 = "support_wait_p90";

  static final String Q_SEARCH = "q_search";
  static final String Q_CHECKOUT = "q_checkout";
  static final String Q_DELIVERY = "q_delivery";
  static final String Q_SUPPORT = "q_support";
  static final String Q_OVERALL = "q_overall";
  static final String Q_NPS = "q_nps";
  static final String Q_EFFORT = "q_effort";

  /** Touchpoint -> the question rating it. */
  static final Map<String, String> QUESTION_OF =
      ordered(SEARCH, Q_SEARCH, CHECKOUT, Q_CHECKOUT, DELIVERY, Q_DELIVERY, SUPPORT, Q_SUPPORT);

  /** Metrics with no planted effect on any score or on churn. */
  static final List<String> NULL_METRICS = List.of(APP_SESSIONS, CHECKOUT_SECONDS);

  // Touchpoint experience, on the 1..5 scale.
  static final Map<String, Double> BASE =
      ordered(SEARCH, 4.1, CHECKOUT, 4.3, DELIVERY, 4.4, SUPPORT, 4.6);
  static final double EXPERIENCE_SD = 0.6;
  static final double RATING_NOISE_SD = 0.25;
  static final double HALO_SD = 0.3;
  static final double SEARCH_PER_FAILURE = -0.35;
  static final double CHECKOUT_PER_PAYMENT_ERROR = -0.6;
  static final double DELIVERY_THRESHOLD_HOURS = 24.0;
  static final double DELIVERY_STEP = -1.5;

  /** Per second of the 90th percentile of call-centre waits: -0.3 points a minute. */
  static final double SUPPORT_PER_WAIT_SECOND = -0.005;

  // Overall satisfaction (q_overall, 1..5).
  static final double OVERALL_INTERCEPT = -0.3;
  static final double OVERALL_NOISE_SD = 0.35;
  static final double SUPPORT_BASELINE = 4.0;
  static final Map<String, Double> WEIGHTS =
      ordered(DELIVERY, 0.45, CHECKOUT, 0.30, SEARCH, 0.17, SUPPORT, 0.08);

  /** The segment with its own driver order: business buyers care most about checkout. */
  static final String REORDERED_SEGMENT = "business";

  static final Map<String, Double> REORDERED_WEIGHTS =
      ordered(CHECKOUT, 0.55, DELIVERY, 0.25, SEARCH, 0.12, SUPPORT, 0.08);

  // Likelihood to recommend (q_nps, 0..10), from the latent overall satisfaction.
  static final double NPS_INTERCEPT = 0.5;
  static final double NPS_SLOPE = 2.0;
  static final double NPS_NOISE_SD = 0.9;

  // Effort (q_effort, 1..7, higher = easier), mostly from checkout and support.
  static final double EFFORT_INTERCEPT = 5.0;
  static final double EFFORT_CENTRE = 4.0;
  static final Map<String, Double> EFFORT_WEIGHTS = ordered(CHECKOUT, 0.9, SUPPORT, 0.6);
  static final double EFFORT_NOISE_SD = 0.5;

  // Answering behaviour.
  static final Map<String, Double> SKIP_SHARE =
      ordered(
          Q_SEARCH,
          0.06,
          Q_CHECKOUT,
          0.03,
          Q_DELIVERY,
          0.04,
          Q_SUPPORT,
          0.08,
          Q_OVERALL,
          0.0,
          Q_NPS,
          0.03,
          Q_EFFORT,
          0.07);

  /** Share of respondents with no delivery in the window who skip the delivery question. */
  static final double SKIP_DELIVERY_WITHOUT_DELIVERY = 0.6;

  // The KPI drop: the checkout rating only (no other question moves) in one week.
  static final String DROP_TOUCHPOINT = CHECKOUT;
  static final double DROP_DELTA = -1.0;

  // Churn: logistic in the terms of ChurnModel.
  static final double CHURN_INTERCEPT = -2.45;

  /** Share of churners who close their account; the others just stop being active. */
  static final double EXPLICIT_CHURN_SHARE = 0.85;

  /** Inactivity churners stop within this many days after the survey. */
  static final int INACTIVITY_CHURN_MAX_DAYS = 30;

  private PlantedModel() {}

  /** The overall-satisfaction weights of a segment. */
  static Map<String, Double> weights(String segment) {
    return REORDERED_SEGMENT.equals(segment) ? REORDERED_WEIGHTS : WEIGHTS;
  }

  /** Touchpoints by decreasing weight. */
  static List<String> order(Map<String, Double> weights) {
    List<String> ids = new ArrayList<>(weights.keySet());
    ids.sort((a, b) -> Double.compare(weights.get(b), weights.get(a)));
    return ids;
  }

  /**
   * Checks that a journey map has every touchpoint, metric and question this model writes, with the
   * aggregations it assumes; throws naming the first mismatch.
   */
  static void checkFits(JourneyMap map) {
    Map<String, String> aggs = new LinkedHashMap<>();
    for (Metric m : map.metrics()) {
      aggs.put(m.id(), m.agg().toString());
    }
    Map<String, String> expected =
        ordered(
            SEARCH_FAILURES,
            "count",
            APP_SESSIONS,
            "count",
            PAYMENT_ERRORS,
            "count",
            CHECKOUT_SECONDS,
            "avg",
            DELIVERY_DELAY_HOURS,
            "max",
            SUPPORT_CONTACTS,
            "count",
            SUPPORT_WAIT_P90,
            "p90");
    expected.forEach(
        (id, agg) -> {
          if (!agg.equals(aggs.get(id))) {
            throw new IllegalStateException(
                map.sourceFile() + ": the generator needs metric '" + id + "' with agg " + agg);
          }
        });
    QUESTION_OF.forEach(
        (tp, q) -> {
          if (map.questions().get(q) == null || !tp.equals(map.questions().get(q).touchpoint())) {
            throw new IllegalStateException(
                map.sourceFile() + ": the generator needs question '" + q + "' rating " + tp);
          }
        });
    for (String q : List.of(Q_OVERALL, Q_NPS, Q_EFFORT)) {
      if (!map.questions().containsKey(q)) {
        throw new IllegalStateException(map.sourceFile() + ": the generator needs question " + q);
      }
    }
    checkChurnRule(map);
  }

  /**
   * The churn rule must be the one the churn is planted for: account_closed events, activity by
   * app_open and order_placed, and an inactivity span that every inactivity churner completes
   * inside the horizon but that regular activity never reaches.
   */
  private static void checkChurnRule(JourneyMap map) {
    ChurnRule rule = map.churn();
    boolean fits =
        rule != null
            && rule.events().contains(Event.ACCOUNT_CLOSED)
            && new java.util.HashSet<>(rule.activityEvents())
                .equals(java.util.Set.of(Event.APP_OPEN, Event.ORDER_PLACED))
            && rule.inactiveDays() > TimelineSimulator.MAX_ACTIVITY_GAP_DAYS
            && rule.horizonDays() - INACTIVITY_CHURN_MAX_DAYS >= rule.inactiveDays();
    if (!fits) {
      throw new IllegalStateException(
          map.sourceFile()
              + ": the generator needs churn events [account_closed], activity events"
              + " [app_open, order_placed] and inactive_days between "
              + (TimelineSimulator.MAX_ACTIVITY_GAP_DAYS + 1)
              + " and horizon_days - "
              + INACTIVITY_CHURN_MAX_DAYS);
    }
  }

  @SuppressWarnings("unchecked")
  static <V> Map<String, V> ordered(Object... keysAndValues) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
