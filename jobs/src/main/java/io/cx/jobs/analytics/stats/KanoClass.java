package io.cx.jobs.analytics.stats;

import java.util.Locale;

/**
 * Kano class of a touchpoint, from its penalty and reward ({@link PenaltyReward}); {@link #id()} is
 * the value of the contract's {@code kano_class} column.
 */
public enum KanoClass {
  /** Must-be: a bad experience hurts, a great one adds little. */
  BASIC,
  /** One-dimensional: better is better, worse is worse. */
  PERFORMANCE,
  /** Delighter: a great experience lifts, a bad one costs little. */
  EXCITEMENT,
  /** Neither a bad nor a great experience moves the target materially. */
  INDIFFERENT;

  /**
   * The contract string: {@code basic}, {@code performance}, {@code excitement}, {@code
   * indifferent}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
