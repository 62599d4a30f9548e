package io.cx.jobs.analytics.stats;

import java.util.Locale;

/**
 * Kano class of a touchpoint, from its penalty and reward ({@link PenaltyReward}) and the evidence
 * behind them ({@link KanoRule}). {@link #kanoClass()} is the value of the contract's {@code
 * kano_class} column and {@link #status()} that of {@code kano_status}.
 */
public enum KanoClass {
  /** Must-be: a bad experience hurts, a great one adds little. */
  BASIC,
  /** One-dimensional: better is better, worse is worse. */
  PERFORMANCE,
  /** Delighter: a great experience lifts, a bad one costs little. */
  EXCITEMENT,
  /** No evidence that a bad or a great experience moves the target materially. */
  INDIFFERENT,
  /** Too few answers in a box to classify: kano_class is null, kano_status says why. */
  INSUFFICIENT;

  /** {@code kano_status} of a touchpoint that was classified. */
  public static final String CLASSIFIED = "classified";

  /** The lower-case name: {@code basic}, ..., {@code insufficient}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kano_class column: {@code basic}, {@code performance}, {@code excitement}, {@code
   * indifferent}, or null for {@link #INSUFFICIENT} (the contract's classes are those four).
   */
  public String kanoClass() {
    return this == INSUFFICIENT ? null : id();
  }

  /** The kano_status column: {@code insufficient} or {@code classified}. */
  public String status() {
    return this == INSUFFICIENT ? id() : CLASSIFIED;
  }
}
