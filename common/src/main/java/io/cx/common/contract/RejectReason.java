package io.cx.common.contract;

import java.util.Locale;

/**
 * Why an input row went to {@code rejected_records}: short, stable codes that analysts filter on. A
 * row gets the first reason that applies, in the order declared here.
 */
public enum RejectReason {
  /** The file's row could not be parsed (wrong number of fields, broken quoting, bad JSON). */
  MALFORMED_ROW,
  /** A required key is empty: response_id, customer_id, submitted_at, question_id, event_id, ... */
  MISSING_KEY,
  /** A wide-layout row with no answer in any question column. */
  EMPTY_RESPONSE,
  /** A timestamp that is not ISO-8601. */
  BAD_TIMESTAMP,
  /** A date (signup_date) that is not yyyy-MM-dd. */
  BAD_DATE,
  /** A question id that no journey map of the config declares. */
  UNKNOWN_QUESTION,
  /** A score, value or annual value that is not a finite number. */
  BAD_NUMBER,
  /** A score outside its question's declared scale. */
  SCORE_OUT_OF_SCALE,
  /** A timestamp after the end of the run date: the export holds data from the future. */
  FUTURE_TIMESTAMP,
  /** Rows of one survey response disagree on customer_id or submitted_at. */
  INCONSISTENT_RESPONSE,
  /** The same response and question again (this batch or an earlier one). */
  DUPLICATE_ANSWER,
  /** The same event_id again: a duplicate delivery, kept once and counted here. */
  DUPLICATE_EVENT,
  /** The same customer_id twice in one customers batch. */
  DUPLICATE_CUSTOMER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Duplicate deliveries are normal in at-least-once exports, and an opened-but-unanswered survey
   * is not bad data: these do not count against the quality gate.
   */
  public boolean countsAgainstQualityGate() {
    return this != DUPLICATE_EVENT && this != DUPLICATE_ANSWER && this != EMPTY_RESPONSE;
  }
}
