package io.cx.jobs.drivers;

/**
 * The names of the journey_features columns the driver job reads, in one place: {@code
 * tp_<touchpoint id>} (0..1 score, null when not answered), {@code m_<metric id>} (the metric in
 * its own unit), and the outcomes {@code satisfaction} (0..1) and {@code recommend} (raw 0..10).
 * These are the names agreed with the fuse job ({@code io.cx.jobs.fuse.FeatureColumns}).
 */
final class FeatureNames {
  static final String SATISFACTION = "satisfaction";
  static final String RECOMMEND = "recommend";

  /** The segment of a customer whose segment is not known. */
  static final String UNKNOWN_SEGMENT = "unknown";

  private FeatureNames() {}

  /** The column of a touchpoint's score. */
  static String touchpoint(String id) {
    return "tp_" + id;
  }

  /** The column of an objective metric. */
  static String metric(String id) {
    return "m_" + id;
  }
}
