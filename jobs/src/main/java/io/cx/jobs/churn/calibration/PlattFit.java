package io.cx.jobs.churn.calibration;

import java.util.function.Function;

/**
 * Platt scaling fitted by Newton's method with step halving: minimises the log loss of {@code
 * sigmoid(a m + b)} against Platt's smoothed targets, {@code (N+ + 1) / (N+ + 2)} for churners and
 * {@code 1 / (N- + 2)} for the others (Platt 1999, as scikit-learn's sigmoid calibration does),
 * which keeps a perfectly separated calibration set from giving infinite slopes.
 *
 * <p>The slope is constrained to {@code a >= 0}, so calibration never reverses the model's ranking
 * (isotonic calibration is non-decreasing for the same reason). When the calibration rows are
 * ranked the wrong way round, the unconstrained optimum has {@code a < 0}; the loss is convex, so
 * the constrained optimum then lies on {@code a = 0}: the intercept-only fit, {@code sigmoid(b)}
 * equal to the mean target, which says honestly that the margins carry no usable ranking.
 *
 * <p>The data are reached only through a pass function, so the same iterations run over arrays of
 * rows (tests) or over a {@link CalibrationHistogram} ({@link CalibratorSelection}): given (a, b,
 * t+, t-) it returns the sums {@code [loss, dL/da, dL/db, d2L/da2, d2L/dadb, d2L/db2]} over the
 * rows.
 */
public final class PlattFit {
  static final int MAX_ITERATIONS = 100;
  static final double TOLERANCE = 1e-10;

  private PlattFit() {}

  /** The parameters of one pass: slope, intercept and the two targets. */
  record Point(double a, double b, double targetPositive, double targetNegative)
      implements java.io.Serializable {}

  /** Fits (a, b) given the class counts and a pass over the rows. */
  public static Calibrator.Platt fit(
      long positives, long negatives, Function<Point, double[]> pass) {
    double tPos = (positives + 1.0) / (positives + 2.0);
    double tNeg = 1.0 / (negatives + 2.0);
    double a = 0;
    double b = Math.log((positives + 1.0) / (negatives + 1.0));
    double[] s = pass.apply(new Point(a, b, tPos, tNeg));
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double det = s[3] * s[5] - s[4] * s[4];
      if (!(det > 0)) {
        break;
      }
      double da = -(s[5] * s[1] - s[4] * s[2]) / det;
      double db = -(-s[4] * s[1] + s[3] * s[2]) / det;
      double step = 1;
      double[] next = null;
      while (step > 1e-10) {
        next = pass.apply(new Point(a + step * da, b + step * db, tPos, tNeg));
        if (next[0] <= s[0] + 1e-12 * Math.abs(s[0])) {
          break;
        }
        step /= 2;
        next = null;
      }
      if (next == null) {
        break;
      }
      a += step * da;
      b += step * db;
      boolean converged = Math.abs(step * da) < TOLERANCE && Math.abs(step * db) < TOLERANCE;
      s = next;
      if (converged) {
        break;
      }
    }
    return a < 0 ? interceptOnly(positives, negatives, tPos, tNeg) : new Calibrator.Platt(a, b);
  }

  /**
   * The minimum over {@code b} at {@code a = 0}: the loss's derivative {@code n sigmoid(b) - sum t}
   * vanishes where {@code sigmoid(b)} is the mean target.
   */
  static Calibrator.Platt interceptOnly(long positives, long negatives, double tPos, double tNeg) {
    double meanTarget = (positives * tPos + negatives * tNeg) / (positives + negatives);
    return new Calibrator.Platt(0, Math.log(meanTarget / (1 - meanTarget)));
  }

  /** Adds the loss, gradient and Hessian of {@code weight} rows at {@code pt} into {@code sums}. */
  static void add(double[] sums, Point pt, double margin, double y, double weight) {
    if (weight == 0) {
      return;
    }
    double t = y > 0.5 ? pt.targetPositive() : pt.targetNegative();
    double z = pt.a() * margin + pt.b();
    double p = Calibrator.sigmoid(z);
    // log(1 + e^z) - t z, computed without overflow.
    double loss = (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    double r = p - t;
    double w = p * (1 - p);
    sums[0] += weight * loss;
    sums[1] += weight * r * margin;
    sums[2] += weight * r;
    sums[3] += weight * w * margin * margin;
    sums[4] += weight * w * margin;
    sums[5] += weight * w;
  }

  /** Fits over arrays of margins and 0/1 labels. */
  public static Calibrator.Platt fit(double[] margin, double[] y) {
    long pos = 0;
    for (double v : y) {
      pos += v > 0.5 ? 1 : 0;
    }
    return fit(
        pos,
        y.length - pos,
        pt -> {
          double[] s = new double[6];
          for (int i = 0; i < margin.length; i++) {
            add(s, pt, margin[i], y[i], 1.0);
          }
          return s;
        });
  }
}
