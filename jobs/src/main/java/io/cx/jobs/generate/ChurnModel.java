package io.cx.jobs.generate;

import java.util.List;
import java.util.Map;

/**
 * The planted churn probability of a survey response: {@code p = logistic(intercept + sum_k b_k
 * x_k)} over the {@link Term}s below, measured at the survey. The customer then churns with
 * probability p at a random time inside the horizon.
 */
final class ChurnModel {
  /** Delivery delay counts up to this many days. */
  static final double DELAY_CAP_DAYS = 3.0;

  /** Satisfaction at or below this (on q_overall's 1..5 scale) counts as low. */
  static final int LOW_SATISFACTION_MAX = 2;

  static final int NEW_CUSTOMER_DAYS = 365;

  /**
   * One term of the logit.
   *
   * @param name the term's id in truth.json
   * @param driver the journey-map metric or question it comes from, or a customer attribute
   * @param definition how x is computed
   * @param coefficient b
   */
  record Term(String name, String driver, String definition, double coefficient) {}

  static final List<Term> TERMS =
      List.of(
          new Term(
              "payment_errors",
              PlantedModel.PAYMENT_ERRORS,
              "count of payment_error events in the look-back window",
              1.25),
          new Term(
              "delivery_delay_days",
              PlantedModel.DELIVERY_DELAY_HOURS,
              "max delivery delay in the look-back window in days, capped at "
                  + DELAY_CAP_DAYS
                  + " (no delivery: 0)",
              0.7),
          new Term(
              "low_satisfaction",
              PlantedModel.Q_OVERALL,
              "1 if q_overall <= " + LOW_SATISFACTION_MAX + ", else 0",
              1.75),
          new Term(
              "new_customer",
              "tenure",
              "1 if the customer signed up less than " + NEW_CUSTOMER_DAYS + " days before",
              0.5));

  private ChurnModel() {}

  /** The term values x_k, in the order of {@link #TERMS}. */
  static double[] terms(Map<String, Double> metrics, int overall, long tenureDays) {
    Double delay = metrics.get(PlantedModel.DELIVERY_DELAY_HOURS);
    double delayDays = delay == null ? 0.0 : Math.min(delay / 24.0, DELAY_CAP_DAYS);
    return new double[] {
      metrics.get(PlantedModel.PAYMENT_ERRORS),
      delayDays,
      overall <= LOW_SATISFACTION_MAX ? 1.0 : 0.0,
      tenureDays < NEW_CUSTOMER_DAYS ? 1.0 : 0.0
    };
  }

  static double probability(double[] terms) {
    double logit = PlantedModel.CHURN_INTERCEPT;
    for (int k = 0; k < TERMS.size(); k++) {
      logit += TERMS.get(k).coefficient() * terms[k];
    }
    return 1.0 / (1.0 + StrictMath.exp(-logit));
  }
}
