package io.cx.jobs.drivers;

import io.cx.common.contract.FeatureColumns;

/**
 * The names of the journey_features columns the driver job reads, in one place, as the fuse job
 * writes them ({@link FeatureColumns}): {@code tp_<touchpoint id>} (0..1 score, null when not
 * answered), {@code m_<metric id>} (the metric in its own unit), and the outcomes {@code
 * satisfaction} (0..1) and {@code recommend} (raw 0..10).
 */
final class FeatureNames {
  static final String SATISFACTION = FeatureColumns.SATISFACTION;
  static final String RECOMMEND = FeatureColumns.RECOMMEND;

  private FeatureNames() {}

  /** The column of a touchpoint's score. */
  static String touchpoint(String id) {
    return FeatureColumns.touchpoint(id);
  }

  /** The column of an objective metric. */
  static String metric(String id) {
    return FeatureColumns.metric(id);
  }
}
