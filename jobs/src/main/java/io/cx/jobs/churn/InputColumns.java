package io.cx.jobs.churn;

/**
 * The names of the journey_features columns the churn job reads, in one place. The fuse job writes
 * the table; these follow its agreed shape ({@code tp_<touchpoint id>}, {@code m_<metric id>} and
 * the fixed columns below).
 */
final class InputColumns {
  static final String SATISFACTION = "satisfaction";
  static final String RECOMMEND = "recommend";
  static final String EFFORT = "effort";
  static final String TENURE_DAYS = "tenure_days";

  private InputColumns() {}

  /** The column of a touchpoint's 0..1 score, null when not answered. */
  static String touchpoint(String id) {
    return "tp_" + id;
  }

  /** The column of an objective metric. */
  static String metric(String id) {
    return "m_" + id;
  }
}
