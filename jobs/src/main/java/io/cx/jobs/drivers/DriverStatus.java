package io.cx.jobs.drivers;

import java.util.Locale;

/**
 * Why a driver_importance row has, or has no, estimate: the stable code in the {@code status}
 * column ({@link #id()}), with the numbers in {@code note}.
 */
enum DriverStatus {
  /** Estimated. */
  ESTIMATED,
  /** The segment (or ALL) has fewer responses with this target than drivers.min_n(_segment). */
  SEGMENT_TOO_SMALL,
  /** The target does not vary in the segment: there is nothing to explain. */
  CONSTANT_TARGET,
  /** The touchpoint has fewer answers (together with the target) than drivers.min_n_driver. */
  TOO_FEW_ANSWERS,
  /** Every answer of the touchpoint in the segment is the same score. */
  CONSTANT_DRIVER;

  /** The value of the status column: lower case. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
