package io.cx.jobs.churn.calibration;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a model's raw log-odds (its margin) to a calibrated churn probability. Class weighting moves
 * a logistic regression's intercept and boosting can be over- or under-confident, so the raw
 * probabilities of neither model can be read as churn rates until calibrated on rows the model did
 * not see. Monotone, so rankings (AUC, reasons) are unchanged.
 */
public sealed interface Calibrator extends Serializable
    permits Calibrator.None, Calibrator.Platt, Calibrator.Isotonic {

  /** The calibrated probability of a row with this margin. */
  double probability(double margin);

  /** {@code none}, {@code platt} or {@code isotonic}. */
  String method();

  /** The fitted parameters, for the model sidecar. */
  Map<String, Object> parameters();

  /** The logistic function, without overflow. */
  static double sigmoid(double m) {
    if (m >= 0) {
      return 1.0 / (1.0 + Math.exp(-m));
    }
    double e = Math.exp(m);
    return e / (1.0 + e);
  }

  /** The model's own probability, {@code 1 / (1 + exp(-margin))}. */
  record None() implements Calibrator {
    @Override
    public double probability(double margin) {
      return sigmoid(margin);
    }

    @Override
    public String method() {
      return "none";
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of();
    }
  }

  /** Platt scaling: {@code sigmoid(a * margin + b)}. */
  record Platt(double a, double b) implements Calibrator {
    @Override
    public double probability(double margin) {
      return sigmoid(a * margin + b);
    }

    @Override
    public String method() {
      return "platt";
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", a);
      m.put("b", b);
      return m;
    }
  }

  /**
   * Isotonic regression on the model's margin: a non-decreasing function through the points {@code
   * (x_i, y_i)}, linear between them and flat beyond the ends (as scikit-learn's {@code
   * IsotonicRegression(out_of_bounds="clip")}), then clipped to {@code [low, high]} so that no
   * block of the calibration rows, however pure, gives a probability of exactly 0 or 1.
   *
   * @param x margins, strictly increasing
   * @param y fitted churn rates, non-decreasing
   * @param low lowest probability returned
   * @param high highest probability returned
   */
  record Isotonic(double[] x, double[] y, double low, double high) implements Calibrator {
    public Isotonic {
      if (x.length == 0 || x.length != y.length) {
        throw new IllegalArgumentException(
            "Cannot build an isotonic calibration from "
                + x.length
                + " points and "
                + y.length
                + " values");
      }
    }

    @Override
    public double probability(double margin) {
      double v;
      if (margin <= x[0]) {
        v = y[0];
      } else if (margin >= x[x.length - 1]) {
        v = y[y.length - 1];
      } else {
        int i = Arrays.binarySearch(x, margin);
        if (i >= 0) {
          v = y[i];
        } else {
          int hi = -i - 1;
          int lo = hi - 1;
          double t = (margin - x[lo]) / (x[hi] - x[lo]);
          v = y[lo] + t * (y[hi] - y[lo]);
        }
      }
      return Math.min(high, Math.max(low, v));
    }

    @Override
    public String method() {
      return "isotonic";
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", x);
      m.put("y", y);
      m.put("low", low);
      m.put("high", high);
      return m;
    }
  }
}
