package io.cx.jobs.generate;

import static io.cx.jobs.generate.PlantedModel.*;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Question;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers one survey from the customer's window metrics, following {@link PlantedModel}: touchpoint
 * experiences from the metrics, a halo shared by every rating of the response, overall satisfaction
 * from the weighted experiences, NPS from overall satisfaction, effort from checkout and support;
 * then skipping (support only by customers who called in the window).
 */
final class SurveyModel {
  private final JourneyMap map;

  SurveyModel(JourneyMap map) {
    this.map = map;
  }

  /**
   * The scores of one response, in the journey map's question order.
   *
   * @param scores question id to score, null when not answered
   */
  record Answers(Map<String, Integer> scores) {
    Integer score(String question) {
      return scores.get(question);
    }
  }

  Answers answer(String segment, Map<String, Double> metrics, boolean dropWeek, Rng rng) {
    double halo = rng.normal(0, HALO_SD);
    double shift = Population.touchpointShift(segment);
    Double delay = metrics.get(DELIVERY_DELAY_HOURS);
    boolean contacted = metrics.get(SUPPORT_CONTACTS) > 0;

    Map<String, Double> experience = new LinkedHashMap<>();
    experience.put(
        SEARCH, experience(SEARCH, shift, SEARCH_PER_FAILURE * metrics.get(SEARCH_FAILURES), rng));
    experience.put(
        CHECKOUT,
        experience(CHECKOUT, shift, CHECKOUT_PER_PAYMENT_ERROR * metrics.get(PAYMENT_ERRORS), rng));
    boolean lateOverThreshold = delay != null && delay > DELIVERY_THRESHOLD_HOURS;
    experience.put(
        DELIVERY, experience(DELIVERY, shift, lateOverThreshold ? DELIVERY_STEP : 0.0, rng));
    experience.put(
        SUPPORT,
        contacted
            ? experience(
                SUPPORT, shift, SUPPORT_PER_WAIT_SECOND * metrics.get(SUPPORT_WAIT_P90), rng)
            : SUPPORT_BASELINE);

    double overall = OVERALL_INTERCEPT + halo + rng.normal(0, OVERALL_NOISE_SD);
    for (Map.Entry<String, Double> w : weights(segment).entrySet()) {
      overall += w.getValue() * experience.get(w.getKey());
    }
    double effort = EFFORT_INTERCEPT + halo + rng.normal(0, EFFORT_NOISE_SD);
    for (Map.Entry<String, Double> w : EFFORT_WEIGHTS.entrySet()) {
      effort += w.getValue() * (experience.get(w.getKey()) - EFFORT_CENTRE);
    }
    double nps = NPS_INTERCEPT + NPS_SLOPE * overall + rng.normal(0, NPS_NOISE_SD);

    Map<String, Double> latent = new LinkedHashMap<>();
    QUESTION_OF.forEach(
        (tp, q) -> {
          double drop = dropWeek && tp.equals(DROP_TOUCHPOINT) ? DROP_DELTA : 0.0;
          latent.put(q, experience.get(tp) + halo + rng.normal(0, RATING_NOISE_SD) + drop);
        });
    latent.put(Q_OVERALL, overall);
    latent.put(Q_NPS, nps);
    latent.put(Q_EFFORT, effort);

    Map<String, Integer> scores = new LinkedHashMap<>();
    for (Question q : map.questions().values()) {
      boolean answered = answers(q.id(), contacted, delay != null, rng);
      scores.put(q.id(), answered ? onScale(latent.get(q.id()), q) : null);
    }
    return new Answers(scores);
  }

  private static double experience(String touchpoint, double shift, double effect, Rng rng) {
    return BASE.get(touchpoint) + shift + effect + rng.normal(0, EXPERIENCE_SD);
  }

  private static boolean answers(String question, boolean contacted, boolean delivered, Rng rng) {
    if (question.equals(Q_SUPPORT) && !contacted) {
      return false;
    }
    if (question.equals(Q_DELIVERY) && !delivered && rng.chance(SKIP_DELIVERY_WITHOUT_DELIVERY)) {
      return false;
    }
    return !rng.chance(SKIP_SHARE.getOrDefault(question, 0.0));
  }

  private static int onScale(double latent, Question q) {
    long rounded = Math.round(latent);
    return (int) Math.max(q.scaleMin(), Math.min(q.scaleMax(), rounded));
  }
}
