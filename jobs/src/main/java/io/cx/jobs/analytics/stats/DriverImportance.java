package io.cx.jobs.analytics.stats;

import java.util.Arrays;

/**
 * How much each driver drives a target, as an R² decomposition ({@link Lmg}, {@link
 * RelativeWeights}).
 *
 * <p>Arrays are indexed by driver position {@code a}; {@code drivers[a]} is that driver's row in
 * the correlation matrix the result came from (the target's row left out). {@code importance[a]} is
 * the driver's part of R² and the importances sum to {@code rSquared}; {@code share[a] =
 * importance[a] / rSquared}, so shares sum to 1 (all NaN when R² is 0: nothing to share). When
 * {@code exact} is false the values are Monte Carlo estimates and {@code importanceError[a]} and
 * {@code shareError[a]} are their standard errors; when exact they are 0.
 *
 * <p>Accessors return copies, so a result cannot be changed after the fact; equality compares the
 * arrays' contents.
 */
public record DriverImportance(
    int[] drivers,
    double[] importance,
    double[] share,
    double rSquared,
    boolean exact,
    double[] importanceError,
    double[] shareError) {

  /** Validates the shapes and takes defensive copies. */
  public DriverImportance {
    int p = drivers.length;
    if (importance.length != p
        || share.length != p
        || importanceError.length != p
        || shareError.length != p) {
      throw new IllegalArgumentException("Cannot build DriverImportance: arrays differ in length");
    }
    drivers = drivers.clone();
    importance = importance.clone();
    share = share.clone();
    importanceError = importanceError.clone();
    shareError = shareError.clone();
  }

  /**
   * An exact result from importances summing to {@code rSquared}; shares and zero errors derived.
   */
  static DriverImportance exact(int[] drivers, double[] importance, double rSquared) {
    int p = drivers.length;
    return new DriverImportance(
        drivers,
        importance,
        shares(importance, rSquared),
        rSquared,
        true,
        new double[p],
        new double[p]);
  }

  static double[] shares(double[] importance, double rSquared) {
    double[] s = new double[importance.length];
    for (int a = 0; a < s.length; a++) {
      s[a] = rSquared > 0 ? importance[a] / rSquared : Double.NaN;
    }
    return s;
  }

  /** Number of drivers. */
  public int size() {
    return drivers.length;
  }

  @Override
  public int[] drivers() {
    return drivers.clone();
  }

  @Override
  public double[] importance() {
    return importance.clone();
  }

  @Override
  public double[] share() {
    return share.clone();
  }

  @Override
  public double[] importanceError() {
    return importanceError.clone();
  }

  @Override
  public double[] shareError() {
    return shareError.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriverImportance d
        && Arrays.equals(drivers, d.drivers)
        && Arrays.equals(importance, d.importance)
        && Arrays.equals(share, d.share)
        && Double.compare(rSquared, d.rSquared) == 0
        && exact == d.exact
        && Arrays.equals(importanceError, d.importanceError)
        && Arrays.equals(shareError, d.shareError);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new int[] {
          Arrays.hashCode(drivers),
          Arrays.hashCode(importance),
          Arrays.hashCode(share),
          Double.hashCode(rSquared),
          Boolean.hashCode(exact),
          Arrays.hashCode(importanceError),
          Arrays.hashCode(shareError)
        });
  }

  @Override
  public String toString() {
    return "DriverImportance[drivers="
        + Arrays.toString(drivers)
        + ", importance="
        + Arrays.toString(importance)
        + ", share="
        + Arrays.toString(share)
        + ", rSquared="
        + rSquared
        + ", exact="
        + exact
        + ", importanceError="
        + Arrays.toString(importanceError)
        + ", shareError="
        + Arrays.toString(shareError)
        + "]";
  }
}
