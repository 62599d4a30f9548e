package io.cx.jobs.analytics.trees;

/**
 * The loss a {@link GradientBoostedTrees} fit minimises, as the initial score and the first and
 * second derivatives of one row's weighted loss with respect to the model's output {@code F}.
 */
public enum Loss {
  /**
   * Regression: {@code w (y - F)^2 / 2}. Gradient {@code w (F - y)}, hessian {@code w}; the initial
   * score is the weighted mean label, and a Newton leaf is the weighted mean residual.
   */
  SQUARED_ERROR {
    @Override
    double initialScore(double[] y, double[] w) {
      double sy = 0;
      double sw = 0;
      for (int i = 0; i < y.length; i++) {
        sy += w[i] * y[i];
        sw += w[i];
      }
      return sy / sw;
    }

    @Override
    void derivatives(double[] f, double[] y, double[] w, double[] g, double[] h) {
      for (int i = 0; i < f.length; i++) {
        g[i] = w[i] * (f[i] - y[i]);
        h[i] = w[i];
      }
    }
  },

  /**
   * Binary classification, labels 0 and 1: {@code F} is the log-odds margin, {@code P(y = 1) =
   * sigmoid(F)}, and the loss is {@code w} times the log loss. Gradient {@code w (p - y)}, hessian
   * {@code w max(p (1 - p), 1e-16)} (the floor keeps a saturated row's hessian positive); the
   * initial score is the log-odds of the weighted share of 1s.
   */
  LOGISTIC {
    @Override
    double initialScore(double[] y, double[] w) {
      double s1 = 0;
      double sw = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] != 0 && y[i] != 1) {
          throw new IllegalArgumentException(
              "Cannot fit logistic loss: label of row " + i + " is " + y[i] + ", not 0 or 1");
        }
        s1 += w[i] * y[i];
        sw += w[i];
      }
      if (s1 == 0 || s1 == sw) {
        throw new IllegalArgumentException(
            "Cannot fit logistic loss: every label is " + (s1 == 0 ? "0" : "1"));
      }
      double p = s1 / sw;
      return Math.log(p / (1 - p));
    }

    @Override
    void derivatives(double[] f, double[] y, double[] w, double[] g, double[] h) {
      for (int i = 0; i < f.length; i++) {
        double p = 1 / (1 + Math.exp(-f[i]));
        g[i] = w[i] * (p - y[i]);
        h[i] = w[i] * Math.max(p * (1 - p), MIN_HESSIAN);
      }
    }
  };

  /** The floor of {@code p (1 - p)} in the logistic hessian. */
  static final double MIN_HESSIAN = 1e-16;

  /**
   * The constant that minimises the loss over all rows; checks the labels.
   *
   * @throws IllegalArgumentException if the labels do not suit the loss
   */
  abstract double initialScore(double[] y, double[] w);

  /** Writes each row's gradient into {@code g} and hessian into {@code h}, at outputs {@code f}. */
  abstract void derivatives(double[] f, double[] y, double[] w, double[] g, double[] h);
}
