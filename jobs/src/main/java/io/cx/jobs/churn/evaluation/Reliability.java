package io.cx.jobs.churn.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reliability table: rows grouped into {@value #BINS} equal-width bins of predicted probability
 * ([0, 0.1), [0.1, 0.2), ..., [0.9, 1]), with each bin's mean prediction and observed churn rate;
 * and the expected calibration error, {@code ECE = sum over bins (n_b / n) |mean p_b - rate_b|}.
 * Well-calibrated probabilities have an ECE near 0 (plus sampling noise of order {@code
 * sqrt(p(1-p)/n_b)} per bin).
 *
 * @param count rows per bin
 * @param sumP sum of the predictions per bin
 * @param sumY churners per bin
 */
public record Reliability(long[] count, double[] sumP, double[] sumY)
    implements java.io.Serializable {
  static final int BINS = 10;

  /** An empty table to add rows to. */
  static Reliability empty() {
    return new Reliability(new long[BINS], new double[BINS], new double[BINS]);
  }

  /** The bin of a probability. */
  static int bin(double p) {
    return Math.max(0, Math.min(BINS - 1, (int) Math.floor(p * BINS)));
  }

  /** Adds one row. */
  void add(double p, double y) {
    int b = bin(p);
    count[b]++;
    sumP[b] += p;
    sumY[b] += y;
  }

  /** Adds another table's rows into this one; returns this. */
  Reliability merge(Reliability other) {
    for (int b = 0; b < BINS; b++) {
      count[b] += other.count[b];
      sumP[b] += other.sumP[b];
      sumY[b] += other.sumY[b];
    }
    return this;
  }

  public static Reliability of(double[] p, double[] y) {
    Reliability r = empty();
    for (int i = 0; i < p.length; i++) {
      r.add(p[i], y[i]);
    }
    return r;
  }

  /** Expected calibration error; NaN for an empty table. */
  public double ece() {
    long n = 0;
    double gap = 0;
    for (int b = 0; b < BINS; b++) {
      n += count[b];
      gap += Math.abs(sumP[b] - sumY[b]);
    }
    return n == 0 ? Double.NaN : gap / n;
  }

  /** The table as rows for the model sidecar: bin bounds, n, mean prediction, churn rate. */
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("from", (double) b / BINS);
      row.put("to", (double) (b + 1) / BINS);
      row.put("n", count[b]);
      row.put("mean_probability", count[b] == 0 ? null : sumP[b] / count[b]);
      row.put("churn_rate", count[b] == 0 ? null : sumY[b] / count[b]);
      out.add(row);
    }
    return out;
  }
}
