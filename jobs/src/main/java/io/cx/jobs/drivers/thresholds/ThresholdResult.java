package io.cx.jobs.drivers.thresholds;

import java.io.Serializable;

/**
 * What {@link ThresholdFinder} concluded for one metric and touchpoint: either the split where the
 * metric starts to hurt the score ({@link Found}), or why there is none ({@link None}). Callers
 * switch on the type: {@code if (r instanceof ThresholdResult.Found f) ...}.
 */
public sealed interface ThresholdResult extends Serializable
    permits ThresholdResult.Found, ThresholdResult.None {

  /** Whether a threshold was found. */
  default boolean found() {
    return this instanceof Found;
  }

  /**
   * The best split.
   *
   * @param threshold in the metric's own unit; rows with {@code x <= threshold} are "below"
   * @param scoreBelow mean score of the rows with {@code x <= threshold}
   * @param scoreAbove mean score of the rows with {@code x > threshold}
   * @param nBelow rows with {@code x <= threshold}
   * @param nAbove rows with {@code x > threshold}
   * @param tStatistic pooled two-sample t of {@code scoreBelow - scoreAbove}: the search statistic,
   *     positive
   * @param pValue permutation p-value of the largest t over all candidate splits, so corrected for
   *     the search: {@code (1 + #permutations with max t >= observed) / (1 + #permutations)}
   * @param candidates how many candidate thresholds had enough rows on both sides
   * @param permutations how many permutations the p-value rests on
   */
  record Found(
      double threshold,
      double scoreBelow,
      double scoreAbove,
      int nBelow,
      int nAbove,
      double tStatistic,
      double pValue,
      int candidates,
      int permutations)
      implements ThresholdResult {

    /** How much lower the score is above the threshold: {@code scoreBelow - scoreAbove} > 0. */
    public double drop() {
      return scoreBelow - scoreAbove;
    }
  }

  /**
   * No threshold.
   *
   * @param reason why, as a stable code
   * @param detail the numbers behind the reason, for people
   */
  record None(Reason reason, String detail) implements ThresholdResult {}

  /** Why no threshold was returned. */
  enum Reason {
    /** Fewer than {@code 2 * minSide} rows. */
    TOO_FEW_ROWS,
    /** Every x is the same value: nothing to split. */
    CONSTANT_X,
    /** No candidate threshold leaves {@code minSide} rows on each side (heavy ties in x). */
    NO_BALANCED_SPLIT,
    /** No candidate split has a lower mean score above the threshold than below it. */
    NO_DROP
  }
}
