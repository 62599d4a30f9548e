package io.cx.jobs.churn.whatif;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which answers of one touchpoint a what-if scenario moves: the lowest first, up to a quota of
 * {@code share x answers}, among those below the target score. Answers below {@link #cutoff} move;
 * answers equal to it move in part ({@link #fraction}, so that exactly the quota moves without
 * choosing among tied rows); the rest stay.
 *
 * @param target the score moved answers get (0..1)
 * @param cutoff answers below it move
 * @param fraction the share of the answers at the cutoff that move
 * @param moved answers moved in total (fractional)
 */
public record Movement(double target, double cutoff, double fraction, double moved)
    implements Serializable {

  /** The share of a row with this score that moves (0 for a missing score). */
  public double weight(double score) {
    if (Double.isNaN(score) || score >= target) {
      return 0;
    }
    if (score < cutoff) {
      return 1;
    }
    return score == cutoff ? fraction : 0;
  }

  /**
   * @param histogram answers per score (non-null scores only)
   * @param target the score moved answers get
   * @param share share of the answers that move
   */
  public static Movement of(TreeMap<Double, Long> histogram, double target, double share) {
    long answered = 0;
    for (long c : histogram.values()) {
      answered += c;
    }
    double quota = share * answered;
    double taken = 0;
    for (Map.Entry<Double, Long> e : histogram.entrySet()) {
      double score = e.getKey();
      long count = e.getValue();
      if (score >= target) {
        break;
      }
      if (taken + count > quota) {
        double fraction = (quota - taken) / count;
        return new Movement(target, score, fraction, quota);
      }
      taken += count;
    }
    // The quota covers every answer below the target (or there are none).
    return new Movement(target, target, 0.0, taken);
  }
}
