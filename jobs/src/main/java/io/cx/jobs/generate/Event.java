package io.cx.jobs.generate;

import java.util.Comparator;

/**
 * One behavioural event of a customer, before it gets its event_id.
 *
 * @param customer index of the customer in the population
 * @param time epoch second (UTC)
 * @param type event_type
 * @param value the event's number, or NaN for none
 * @param channel app, web, phone, store, or empty
 */
record Event(int customer, long time, String type, double value, String channel) {
  static final String APP_OPEN = "app_open";
  static final String ORDER_PLACED = "order_placed";
  static final String SEARCH_NO_RESULT = "search_no_result";
  static final String PAYMENT_ERROR = "payment_error";
  static final String CHECKOUT_COMPLETED = "checkout_completed";
  static final String DELIVERY_COMPLETED = "delivery_completed";
  static final String CALL_CENTER_CONTACT = "call_center_contact";
  static final String ACCOUNT_CLOSED = "account_closed";

  /** By time; ties keep their order when sorted with a stable sort. */
  static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::time);

  boolean hasValue() {
    return !Double.isNaN(value);
  }

  /** Whether the event counts as activity in the churn rule. */
  boolean isActivity() {
    return type.equals(APP_OPEN) || type.equals(ORDER_PLACED);
  }
}
