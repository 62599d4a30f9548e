package io.cx.jobs.generate;

import static io.cx.jobs.generate.PlantedModel.*;

import io.cx.common.journey.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Truth} from the planted model and the simulated data: the parameters as planted,
 * plus what they produced (counts, observed step at the threshold, churn rate, oracle AUC, the
 * observed KPI drop), and the per-response churn probabilities file.
 */
final class TruthBuilder {
  private final Dataset d;

  TruthBuilder(Dataset d) {
    this.d = d;
  }

  Truth build(InputWriter.Written written) {
    return new Truth(
        1,
        generation(),
        counts(written),
        satisfaction(),
        recommend(),
        new Truth.Effort(
            Q_EFFORT,
            true,
            EFFORT_INTERCEPT,
            EFFORT_CENTRE,
            EFFORT_WEIGHTS,
            EFFORT_NOISE_SD,
            order(EFFORT_WEIGHTS),
            "q_effort = clamp(round(intercept + sum_t w_t * (e_t - centre) + halo"
                + " + N(0, noise_sd)), 1, 7)"),
        HALO_SD,
        touchpoints(),
        List.of(threshold()),
        NULL_METRICS,
        new ChurnTruth(d).build(),
        kpiDrop(),
        written.badRows(),
        written.duplicateEvents(),
        comments(),
        segments(),
        regions());
  }

  private Truth.Generation generation() {
    GeneratorOptions o = d.options();
    return new Truth.Generation(
        d.map().id(),
        o.seed(),
        o.customers(),
        o.endDate().toString(),
        o.surveyDays(),
        d.map().lookbackDays(),
        TimeFrame.day(d.frame().surveyStart()).toString(),
        TimeFrame.day(d.frame().eventStart()).toString(),
        o.badRowShare(),
        o.duplicateShare());
  }

  private Truth.Counts counts(InputWriter.Written w) {
    int answers = 0;
    for (SurveyResponse r : d.responses()) {
      answers += (int) r.scores().values().stream().filter(s -> s != null).count();
    }
    return new Truth.Counts(
        d.customers().size(),
        d.responses().size(),
        answers,
        w.surveyRows(),
        d.events().size(),
        w.fileRows());
  }

  private Truth.Satisfaction satisfaction() {
    return new Truth.Satisfaction(
        Q_OVERALL,
        OVERALL_INTERCEPT,
        WEIGHTS,
        Map.of(REORDERED_SEGMENT, REORDERED_WEIGHTS),
        order(pooledWeights()),
        segmentOrders(),
        OVERALL_NOISE_SD,
        SUPPORT_BASELINE,
        "q_overall = clamp(round(intercept + sum_t w_t * e_t + halo + N(0, noise_sd)), 1, 5),"
            + " e_t the touchpoint experience (see touchpoints), support_baseline for support"
            + " when the customer did not call in the window");
  }

  private Truth.Recommend recommend() {
    return new Truth.Recommend(
        Q_NPS,
        NPS_INTERCEPT,
        NPS_SLOPE,
        NPS_NOISE_SD,
        order(pooledWeights()),
        segmentOrders(),
        "q_nps = clamp(round(intercept + slope * overall_latent + N(0, noise_sd)), 0, 10),"
            + " overall_latent = q_overall before rounding and clamping");
  }

  /** The satisfaction weights averaged over the segments, by their share of responses. */
  private Map<String, Double> pooledWeights() {
    Map<String, Double> pooled = new LinkedHashMap<>();
    WEIGHTS.keySet().forEach(t -> pooled.put(t, 0.0));
    for (SurveyResponse r : d.responses()) {
      String segment = d.customers().get(r.customer()).segment();
      weights(segment).forEach((t, w) -> pooled.merge(t, w / d.responses().size(), Double::sum));
    }
    return pooled;
  }

  private static Map<String, List<String>> segmentOrders() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Population.SEGMENTS.forEach(s -> out.put(s, order(weights(s))));
    return out;
  }

  private Map<String, Truth.TouchpointModel> touchpoints() {
    Map<String, List<Truth.Effect>> effects =
        Map.of(
            SEARCH,
            List.of(
                new Truth.Effect(
                    SEARCH_FAILURES,
                    "per_unit",
                    null,
                    SEARCH_PER_FAILURE,
                    "points per search without result in the window")),
            CHECKOUT,
            List.of(
                new Truth.Effect(
                    PAYMENT_ERRORS,
                    "per_unit",
                    null,
                    CHECKOUT_PER_PAYMENT_ERROR,
                    "points per payment error in the window")),
            DELIVERY,
            List.of(
                new Truth.Effect(
                    DELIVERY_DELAY_HOURS,
                    "step",
                    DELIVERY_THRESHOLD_HOURS,
                    DELIVERY_STEP,
                    "points when the max delay in the window exceeds the threshold (hours)")),
            SUPPORT,
            List.of(
                new Truth.Effect(
                    SUPPORT_WAIT_P90,
                    "per_unit",
                    null,
                    SUPPORT_PER_WAIT_SECOND,
                    "points per second of the 90th percentile wait in the window")));
    Map<String, Double> shifts = new LinkedHashMap<>();
    Population.SEGMENTS.forEach(s -> shifts.put(s, Population.touchpointShift(s)));
    Map<String, Truth.TouchpointModel> out = new LinkedHashMap<>();
    QUESTION_OF.forEach(
        (tp, q) -> {
          double[] stats = meanScore(q, null);
          String stage = d.map().stageOfTouchpoint(tp).map(Stage::id).orElse(null);
          out.put(
              tp,
              new Truth.TouchpointModel(
                  q,
                  stage,
                  BASE.get(tp),
                  EXPERIENCE_SD,
                  RATING_NOISE_SD,
                  shifts,
                  effects.get(tp),
                  ratedWhen(tp),
                  SKIP_SHARE.get(q),
                  (int) stats[1],
                  round(stats[0], 4)));
        });
    return out;
  }

  private static String ratedWhen(String touchpoint) {
    return switch (touchpoint) {
      case SUPPORT ->
          "only when support_contacts > 0 in the window; otherwise not applicable"
              + " (no row, or an empty score from web and email surveys)";
      case DELIVERY ->
          "always, but skipped by "
              + SKIP_DELIVERY_WITHOUT_DELIVERY
              + " of those with no delivery in the window";
      default -> "always, apart from random skips";
    };
  }

  private Truth.Threshold threshold() {
    double[] below = new double[2];
    double[] above = new double[2];
    for (SurveyResponse r : d.responses()) {
      Double delay = r.metrics().get(DELIVERY_DELAY_HOURS);
      Integer score = r.scores().get(Q_DELIVERY);
      if (delay != null && score != null) {
        double[] side = delay > DELIVERY_THRESHOLD_HOURS ? above : below;
        side[0] += score;
        side[1]++;
      }
    }
    return new Truth.Threshold(
        DELIVERY_DELAY_HOURS,
        DELIVERY,
        Q_DELIVERY,
        DELIVERY_THRESHOLD_HOURS,
        DELIVERY_STEP,
        round(below[0] / below[1], 4),
        round(above[0] / above[1], 4),
        (int) below[1],
        (int) above[1]);
  }

  private Truth.KpiDrop kpiDrop() {
    String q = QUESTION_OF.get(DROP_TOUCHPOINT);
    double[] week = meanScore(q, true);
    double[] other = meanScore(q, false);
    return new Truth.KpiDrop(
        DROP_TOUCHPOINT,
        q,
        d.frame().dropWeekStart().toString(),
        d.frame().dropWeekStart().plusDays(6).toString(),
        DROP_DELTA,
        round(week[0] - other[0], 4),
        (int) week[1],
        (int) other[1],
        "the "
            + q
            + " rating only; experiences, overall satisfaction, NPS and effort are"
            + " unaffected");
  }

  /** Mean and count of a question's scores, in the drop week (true), outside it, or all (null). */
  private double[] meanScore(String question, Boolean inDropWeek) {
    double sum = 0;
    int n = 0;
    for (SurveyResponse r : d.responses()) {
      Integer s = r.scores().get(question);
      boolean inWeek = d.frame().inDropWeek(r.submittedAt());
      if (s != null && (inDropWeek == null || inDropWeek == inWeek)) {
        sum += s;
        n++;
      }
    }
    return new double[] {sum / n, n};
  }

  private Truth.Comments comments() {
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    int count = 0;
    for (SurveyResponse r : d.responses()) {
      if (r.comment() != null) {
        count++;
        if (r.comment().email() != null) {
          emails.add(r.comment().email());
        }
        if (r.comment().phone() != null) {
          phones.add(r.comment().phone());
        }
      }
    }
    return new Truth.Comments(
        Q_OVERALL, "long", count, emails.size(), phones.size(), emails, phones);
  }

  private Map<String, Truth.Segment> segments() {
    Map<String, Truth.Segment> out = new LinkedHashMap<>();
    for (int s = 0; s < Population.SEGMENTS.size(); s++) {
      String id = Population.SEGMENTS.get(s);
      int customers = (int) d.customers().stream().filter(c -> c.segment().equals(id)).count();
      int responses =
          (int)
              d.responses().stream()
                  .filter(r -> d.customers().get(r.customer()).segment().equals(id))
                  .count();
      out.put(
          id,
          new Truth.Segment(
              Population.SEGMENT_SHARES[s],
              customers,
              responses,
              Population.VALUE_MEDIAN[s],
              Population.VALUE_SIGMA[s],
              Population.TOUCHPOINT_SHIFT[s]));
    }
    return out;
  }

  private Map<String, Truth.Region> regions() {
    Map<String, Truth.Region> out = new LinkedHashMap<>();
    for (int r = 0; r < Population.REGIONS.size(); r++) {
      String id = Population.REGIONS.get(r);
      int customers = (int) d.customers().stream().filter(c -> c.region().equals(id)).count();
      out.put(
          id, new Truth.Region(Population.REGION_SHARES[r], customers, Population.LATE_SHARE[r]));
    }
    return out;
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
