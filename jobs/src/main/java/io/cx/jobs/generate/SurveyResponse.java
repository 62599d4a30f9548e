package io.cx.jobs.generate;

import java.util.Map;

/**
 * One survey submission as simulated, before it gets its response_id.
 *
 * @param customer index of the customer in the population
 * @param submittedAt epoch second (UTC)
 * @param channel app, email, sms or web
 * @param emptyRowsForSkipped whether the survey tool exports a row with an empty score for an
 *     unanswered question (web and email) rather than leaving the row out (app and sms)
 * @param scores question id to score, null when not answered, in the journey map's order
 * @param comment the comment, or null
 * @param metrics the journey map's metrics of the look-back window
 * @param churnTerms the values of {@link ChurnModel#TERMS}
 * @param churnProbability the true churn probability within the horizon
 * @param churn the planted churn following this response, or null
 */
record SurveyResponse(
    int customer,
    long submittedAt,
    String channel,
    boolean emptyRowsForSkipped,
    Map<String, Integer> scores,
    Comments.Comment comment,
    Map<String, Double> metrics,
    double[] churnTerms,
    double churnProbability,
    Churn churn) {

  static final String ACCOUNT_CLOSED = "account_closed";
  static final String INACTIVITY = "inactivity";

  /**
   * A planted churn.
   *
   * @param kind {@value #ACCOUNT_CLOSED} (an account_closed event, then nothing) or {@value
   *     #INACTIVITY} (events just stop)
   * @param at epoch second of the churn; may lie after the end date, where it leaves no trace
   */
  record Churn(String kind, long at) {}
}
