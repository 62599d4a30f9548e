package io.cx.jobs.generate;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one bad row of a given kind for each input file. A bad row looks like a real one (an
 * existing customer, a time in the period, a plausible value) except for its single defect, and
 * gets a fresh id numbered after the good ones, so that it never collides with a good row (no bad
 * row is also a duplicate).
 */
final class BadLines {
  static final List<String> BAD_TIMESTAMPS =
      List.of(
          "2024-02-30T10:00:00Z",
          "31/12/2023 14:00",
          "2024-06-31T25:61:00Z",
          "not a date",
          "2024-13-01T08:00:00Z");
  static final List<String> BAD_DATES = List.of("2023-02-30", "31/12/2022", "2023-13-01", "soon");
  static final List<String> UNKNOWN_QUESTIONS =
      List.of("q_price", "q_speed", "q_overal", "q_delivery_time");
  static final List<String> NON_NUMERIC_SCORES = List.of("five", "good", "4,5", "x");
  static final List<String> NON_NUMERIC_VALUES = List.of("ten", "fast", "12h", "1.2.3");
  static final List<String> NON_NUMERIC_MONEY = List.of("lots", "n.a.", "1.234,50", "EUR");

  private static final List<String> VALUED_TYPES =
      List.of(Event.CHECKOUT_COMPLETED, Event.DELIVERY_COMPLETED, Event.CALL_CENTER_CONTACT);
  private static final List<String> PLAIN_TYPES =
      List.of(Event.APP_OPEN, Event.ORDER_PLACED, Event.SEARCH_NO_RESULT, Event.PAYMENT_ERROR);

  private final List<Question> questions;
  private final TimeFrame frame;
  private final Ids ids;
  private final int customers;
  private final Rng rng;
  private int nextResponse;
  private long nextEvent;
  private int nextCustomer;

  BadLines(
      JourneyMap map,
      TimeFrame frame,
      Ids ids,
      int customers,
      int responses,
      long events,
      Rng rng) {
    this.questions = new ArrayList<>(map.questions().values());
    this.frame = frame;
    this.ids = ids;
    this.customers = customers;
    this.rng = rng;
    this.nextResponse = responses;
    this.nextEvent = events;
    this.nextCustomer = customers;
  }

  /** A long-layout survey row: response_id, customer_id, submitted_at, question_id, score, ... */
  String survey(BadRowKind kind) {
    Question q = rng.pick(questions);
    String[] f = {
      ids.response(nextResponse++),
      someCustomer(),
      surveyTime(),
      q.id(),
      validScore(q),
      rng.pick(CustomerSimulator.SURVEY_CHANNELS),
      ""
    };
    switch (kind) {
      case MISSING_KEY -> f[rng.below(2)] = "";
      case BAD_TIMESTAMP -> f[2] = rng.pick(BAD_TIMESTAMPS);
      case UNKNOWN_QUESTION -> f[3] = rng.pick(UNKNOWN_QUESTIONS);
      case SCORE_OUT_OF_SCALE -> f[4] = outOfScale(q);
      case NON_NUMERIC -> f[4] = rng.pick(NON_NUMERIC_SCORES);
      case MALFORMED_ROW -> {
        return Csv.lineWithRaw(f, 6, "late again, very slow");
      }
    }
    return Csv.line(f);
  }

  /** A wide-layout row with exactly one answered question, so rows and answers count alike. */
  String wide(BadRowKind kind) {
    int answered = rng.below(questions.size());
    Question q = questions.get(answered);
    String[] f = new String[4 + questions.size()];
    java.util.Arrays.fill(f, "");
    f[0] = ids.response(nextResponse++);
    f[1] = someCustomer();
    f[2] = surveyTime();
    f[3] = rng.pick(CustomerSimulator.SURVEY_CHANNELS);
    int cell = 4 + answered;
    f[cell] = validScore(q);
    switch (kind) {
      case MISSING_KEY -> f[rng.below(2)] = "";
      case BAD_TIMESTAMP -> f[2] = rng.pick(BAD_TIMESTAMPS);
      case SCORE_OUT_OF_SCALE -> f[cell] = outOfScale(q);
      case NON_NUMERIC -> f[cell] = rng.pick(NON_NUMERIC_SCORES);
      case MALFORMED_ROW -> {
        return Csv.lineWithRaw(f, cell, f[cell] + ",5");
      }
      default -> throw new IllegalArgumentException(kind + " does not apply to the wide layout");
    }
    return Csv.line(f);
  }

  /** An events row: event_id, customer_id, event_time, event_type, value, channel. */
  String event(BadRowKind kind) {
    boolean valued =
        kind == BadRowKind.NON_NUMERIC || kind == BadRowKind.MALFORMED_ROW || rng.chance(0.5);
    String type = rng.pick(valued ? VALUED_TYPES : PLAIN_TYPES);
    long time = frame.eventStart() + rng.below(frame.endExclusive() - frame.eventStart());
    String[] f = {
      ids.event(nextEvent++),
      someCustomer(),
      TimeFrame.iso(time),
      type,
      valued ? Integer.toString(1 + rng.below(300)) : "",
      type.equals(Event.CALL_CENTER_CONTACT) ? "phone" : "web"
    };
    switch (kind) {
      case MISSING_KEY -> f[rng.below(2)] = "";
      case BAD_TIMESTAMP -> f[2] = rng.pick(BAD_TIMESTAMPS);
      case NON_NUMERIC -> f[4] = rng.pick(NON_NUMERIC_VALUES);
      case MALFORMED_ROW -> {
        return Csv.lineWithRaw(f, 4, "12,5");
      }
      default -> throw new IllegalArgumentException(kind + " does not apply to events");
    }
    return Csv.line(f);
  }

  /** A customers row: customer_id, segment, region, signup_date, annual_value. */
  String customer(BadRowKind kind) {
    String[] f = {
      ids.customer(nextCustomer++),
      rng.pick(Population.SEGMENTS),
      rng.pick(Population.REGIONS),
      frame.endDate().minusDays(240 + rng.below(2000)).toString(),
      Csv.fixed2(50 + rng.below(300000) / 100.0)
    };
    switch (kind) {
      case MISSING_KEY -> f[0] = "";
      case BAD_TIMESTAMP -> f[3] = rng.pick(BAD_DATES);
      case NON_NUMERIC -> f[4] = rng.pick(NON_NUMERIC_MONEY);
      case MALFORMED_ROW -> {
        return Csv.lineWithRaw(f, 4, "1,234.50");
      }
      default -> throw new IllegalArgumentException(kind + " does not apply to customers");
    }
    return Csv.line(f);
  }

  private String someCustomer() {
    return ids.customer(rng.below(customers));
  }

  private String surveyTime() {
    return TimeFrame.iso(
        frame.surveyStart() + rng.below(frame.endExclusive() - frame.surveyStart()));
  }

  private String validScore(Question q) {
    int span = (int) (q.scaleMax() - q.scaleMin()) + 1;
    return Integer.toString((int) q.scaleMin() + rng.below(span));
  }

  private String outOfScale(Question q) {
    long v =
        rng.chance(0.5)
            ? (long) q.scaleMax() + 1 + rng.below(3)
            : (long) q.scaleMin() - 1 - rng.below(2);
    return Long.toString(v);
  }
}
