package io.cx.jobs.analytics.stats;

import java.util.Locale;

/**
 * Importance-performance analysis (IPA) quadrant of a driver; {@link #id()} is the value of the
 * contract's {@code quadrant} column. A driver is high on an axis when its value is at or above the
 * {@link Crosshair}'s value on that axis.
 */
public enum Quadrant {
  /** High importance, high performance: a strength to keep. */
  KEEP_UP,
  /** High importance, low performance: where improvement pays most. */
  CONCENTRATE_HERE,
  /** Low importance, low performance. */
  LOW_PRIORITY,
  /** Low importance, high performance: effort that may be better spent elsewhere. */
  POSSIBLE_OVERKILL;

  /** The contract string: {@code keep_up}, {@code concentrate_here}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The quadrant of a driver with this importance share and performance (mean score, 0..1).
   *
   * @throws IllegalArgumentException when an input is NaN: such a driver has no quadrant
   */
  public static Quadrant of(double share, double performance, Crosshair crosshair) {
    if (Double.isNaN(share) || Double.isNaN(performance)) {
      throw new IllegalArgumentException(
          "Cannot place driver in a quadrant: share " + share + ", performance " + performance);
    }
    boolean important = share >= crosshair.share();
    boolean performing = performance >= crosshair.performance();
    if (important) {
      return performing ? KEEP_UP : CONCENTRATE_HERE;
    }
    return performing ? POSSIBLE_OVERKILL : LOW_PRIORITY;
  }

  /**
   * The quadrants of all drivers of one target, segment and method, with the crosshair at the means
   * over those drivers ({@link Crosshair#means}).
   */
  public static Quadrant[] of(double[] shares, double[] performance) {
    return of(shares, performance, Crosshair.means(shares, performance));
  }

  /** The quadrants of all drivers, with a given crosshair; null where an input is NaN. */
  public static Quadrant[] of(double[] shares, double[] performance, Crosshair crosshair) {
    if (shares.length != performance.length) {
      throw new IllegalArgumentException(
          "Cannot place drivers in quadrants: "
              + shares.length
              + " shares but "
              + performance.length
              + " performances");
    }
    Quadrant[] q = new Quadrant[shares.length];
    for (int a = 0; a < q.length; a++) {
      if (!Double.isNaN(shares[a]) && !Double.isNaN(performance[a])) {
        q[a] = of(shares[a], performance[a], crosshair);
      }
    }
    return q;
  }
}
