package io.cx.jobs.analytics.stats;

import java.util.Optional;

/**
 * Where the importance-performance grid is split into {@link Quadrant}s: by default the means of
 * the importance shares and of the performances over the drivers of one target, segment and method
 * ({@link #means}); or fixed values from the config ({@link #fixed}), e.g. share 1/p and the
 * performance goal.
 *
 * @param share importance share at the split
 * @param performance performance (0..1) at the split
 */
public record Crosshair(double share, double performance) {

  /** Validates that both values are finite. */
  public Crosshair {
    if (!Double.isFinite(share) || !Double.isFinite(performance)) {
      throw new IllegalArgumentException(
          "Cannot use crosshair (" + share + ", " + performance + "): values must be finite");
    }
  }

  /** A crosshair at fixed values. */
  public static Crosshair fixed(double share, double performance) {
    return new Crosshair(share, performance);
  }

  /**
   * The crosshair at the means over the drivers, each mean over the drivers where both values are
   * present (not NaN).
   *
   * @throws IllegalArgumentException when no driver has both values
   */
  public static Crosshair means(double[] shares, double[] performance) {
    return meansIfAny(shares, performance)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Cannot place a crosshair: no driver has both values"));
  }

  /** As {@link #means}, or empty when no driver has both values. */
  public static Optional<Crosshair> meansIfAny(double[] shares, double[] performance) {
    double s = 0;
    double f = 0;
    int n = 0;
    for (int a = 0; a < Math.min(shares.length, performance.length); a++) {
      if (!Double.isNaN(shares[a]) && !Double.isNaN(performance[a])) {
        s += shares[a];
        f += performance[a];
        n++;
      }
    }
    return n == 0 ? Optional.empty() : Optional.of(new Crosshair(s / n, f / n));
  }
}
