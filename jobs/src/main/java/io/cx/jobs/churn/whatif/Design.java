package io.cx.jobs.churn.whatif;

import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The design of the {@link OutcomeModels} regressions, {@code x = (1, tp_1..tp_t, unanswered_1..
 * unanswered_t)} (an unanswered score is 0 beside its indicator), and the two passes that fit them:
 * the moments X'X and X'y per outcome, and the per-customer sums of the scores {@code x (y - x b)},
 * stacked over the outcomes, whose outer products make the clustered sandwich's meat. A row is the
 * t touchpoint scores then the m outcomes (then the customer id, for the clustered pass).
 */
record Design(int touchpoints, int outcomes) implements Serializable {

  /** Coefficients per outcome: the intercept, the scores, the indicators. */
  int k() {
    return 1 + 2 * touchpoints;
  }

  /** The touchpoint slopes among the coefficients. */
  double[] slopes(double[] coef) {
    double[] s = new double[touchpoints];
    System.arraycopy(coef, 1, s, 0, touchpoints);
    return s;
  }

  /** Reads one row into x, y and has (whether the outcome is answered). */
  void read(Row r, double[] x, double[] y, boolean[] has) {
    int t = touchpoints;
    x[0] = 1;
    for (int i = 0; i < t; i++) {
      boolean missing = r.isNullAt(i);
      x[1 + i] = missing ? 0 : r.getDouble(i);
      x[1 + t + i] = missing ? 1 : 0;
    }
    for (int o = 0; o < outcomes; o++) {
      has[o] = !r.isNullAt(t + o);
      y[o] = has[o] ? r.getDouble(t + o) : 0;
    }
  }

  /** Per outcome, X'X (k x k, row-major) then X'y (k), over the rows where it is answered. */
  double[] moments(java.util.Iterator<Row> it) {
    int k = k();
    double[] s = new double[outcomes * (k * k + k)];
    double[] x = new double[k];
    double[] y = new double[outcomes];
    boolean[] has = new boolean[outcomes];
    while (it.hasNext()) {
      read(it.next(), x, y, has);
      for (int o = 0; o < outcomes; o++) {
        if (!has[o]) {
          continue;
        }
        int base = o * (k * k + k);
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            s[base + a * k + b] += x[a] * x[b];
          }
          s[base + k * k + a] += x[a] * y[o];
        }
      }
    }
    return s;
  }

  /**
   * G = sum over customers of s_c s_c', s_c the customer's summed scores stacked over the outcomes
   * ((m k)^2, row-major), then the number of customers. The rows must come grouped by customer (the
   * id after the outcomes); an outcome without coefficients contributes 0.
   */
  double[] clusteredScores(Dataset<Row> byCustomer, double[][] coef) {
    int k = k();
    int mk = outcomes * k;
    int idCol = touchpoints + outcomes;
    return PartitionFold.fold(
        byCustomer,
        it -> {
          double[] g = new double[mk * mk + 1];
          double[] score = new double[mk];
          double[] x = new double[k];
          double[] y = new double[outcomes];
          boolean[] has = new boolean[outcomes];
          String customer = null;
          while (it.hasNext()) {
            Row r = it.next();
            String c = r.getString(idCol);
            if (customer != null && !customer.equals(c)) {
              endCluster(g, score);
            }
            customer = c;
            read(r, x, y, has);
            for (int o = 0; o < outcomes; o++) {
              if (!has[o] || coef[o] == null) {
                continue;
              }
              double e = y[o];
              for (int a = 0; a < k; a++) {
                e -= x[a] * coef[o][a];
              }
              for (int a = 0; a < k; a++) {
                score[o * k + a] += x[a] * e;
              }
            }
          }
          if (customer != null) {
            endCluster(g, score);
          }
          return g;
        },
        PartitionFold::addInto);
  }

  private static void endCluster(double[] g, double[] score) {
    int n = score.length;
    for (int a = 0; a < n; a++) {
      if (score[a] == 0) {
        continue;
      }
      for (int b = 0; b < n; b++) {
        g[a * n + b] += score[a] * score[b];
      }
    }
    g[n * n] += 1;
    java.util.Arrays.fill(score, 0);
  }
}
