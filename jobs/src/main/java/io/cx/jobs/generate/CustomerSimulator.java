package io.cx.jobs.generate;

import static io.cx.jobs.generate.TimeFrame.DAY;

import io.cx.common.journey.JourneyMap;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lives one customer's period: draws the event timeline, then answers each survey from the events
 * before it and draws churn after it. A churner's events stop at the churn time (after an
 * account_closed event for explicit churners) and they answer no later survey. A customer answers
 * at most two surveys, the second at least one churn horizon after the first, so that a response's
 * churn label depends on its own draw only.
 */
final class CustomerSimulator {
  static final double RESPONSE_SHARE = 0.92;
  static final double SECOND_SURVEY_SHARE = 0.8;
  static final List<String> SURVEY_CHANNELS = List.of("app", "email", "sms", "web");
  static final double[] SURVEY_CHANNEL_SHARES = {0.40, 0.30, 0.10, 0.20};
  private static final List<String> CLOSE_CHANNELS = List.of("web", "app", "phone");

  /**
   * The outcome.
   *
   * @param profile the customer
   * @param events the events that happened, sorted by time
   * @param responses the surveys answered, in time order
   */
  record SimulatedCustomer(
      CustomerProfile profile, List<Event> events, List<SurveyResponse> responses) {}

  private final TimeFrame frame;
  private final TimelineSimulator timeline;
  private final WindowMetrics metrics;
  private final SurveyModel surveys;
  private final long horizon;

  CustomerSimulator(JourneyMap map, TimeFrame frame) {
    this.frame = frame;
    this.timeline = new TimelineSimulator(frame);
    this.metrics = new WindowMetrics(map);
    this.surveys = new SurveyModel(map);
    this.horizon = map.churn().horizonDays() * DAY;
  }

  SimulatedCustomer simulate(CustomerProfile p, Rng rng) {
    List<Event> events = timeline.simulate(p, rng);
    List<SurveyResponse> responses = new ArrayList<>();
    for (long s : surveyTimes(rng)) {
      Map<String, Double> m = metrics.at(events, s);
      SurveyModel.Answers a = surveys.answer(p.segment(), m, frame.inDropWeek(s), rng);
      String channel = rng.pick(SURVEY_CHANNELS, SURVEY_CHANNEL_SHARES);
      boolean emptyRows = channel.equals("web") || channel.equals("email");
      Comments.Comment comment = Comments.maybe(a.scores(), rng);
      long tenureDays = ChronoUnit.DAYS.between(p.signupDate(), TimeFrame.day(s));
      double[] terms = ChurnModel.terms(m, a.score(PlantedModel.Q_OVERALL), tenureDays);
      double probability = ChurnModel.probability(terms);
      SurveyResponse.Churn churn = null;
      if (rng.chance(probability)) {
        churn = churnAfter(s, rng);
        events = stopAt(p.index(), events, churn, rng);
      }
      responses.add(
          new SurveyResponse(
              p.index(), s, channel, emptyRows, a.scores(), comment, m, terms, probability, churn));
      if (churn != null) {
        break;
      }
    }
    return new SimulatedCustomer(p, events, responses);
  }

  private List<Long> surveyTimes(Rng rng) {
    List<Long> out = new ArrayList<>();
    if (!rng.chance(RESPONSE_SHARE)) {
      return out;
    }
    long end = frame.endExclusive();
    long first = frame.surveyStart() + rng.below(end - frame.surveyStart());
    out.add(first);
    long earliestSecond = first + horizon + DAY;
    if (earliestSecond < end && rng.chance(SECOND_SURVEY_SHARE)) {
      out.add(earliestSecond + rng.below(end - earliestSecond));
    }
    return out;
  }

  private SurveyResponse.Churn churnAfter(long surveyAt, Rng rng) {
    if (rng.chance(PlantedModel.EXPLICIT_CHURN_SHARE)) {
      return new SurveyResponse.Churn(
          SurveyResponse.ACCOUNT_CLOSED, surveyAt + 1 + rng.below(horizon));
    }
    long window = PlantedModel.INACTIVITY_CHURN_MAX_DAYS * DAY;
    return new SurveyResponse.Churn(SurveyResponse.INACTIVITY, surveyAt + 1 + rng.below(window));
  }

  /** The events before the churn, then the account_closed event if it falls in the period. */
  private List<Event> stopAt(
      int customer, List<Event> events, SurveyResponse.Churn churn, Rng rng) {
    List<Event> kept = new ArrayList<>();
    for (Event e : events) {
      if (e.time() < churn.at()) {
        kept.add(e);
      }
    }
    String channel = rng.pick(CLOSE_CHANNELS);
    if (churn.kind().equals(SurveyResponse.ACCOUNT_CLOSED) && churn.at() < frame.endExclusive()) {
      kept.add(new Event(customer, churn.at(), Event.ACCOUNT_CLOSED, Double.NaN, channel));
    }
    return kept;
  }
}
