package io.cx.jobs.churn.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reliability table: rows grouped into at most {@value #BINS} bins of predicted probability that
 * hold about the same number of rows each (quantile bins), with each bin's range, mean prediction
 * and observed churn rate; and the expected calibration error, {@code ECE = sum over bins (n_b / n)
 * |mean p_b - rate_b|}. Quantile bins, not equal-width ones: churn probabilities crowd into a few
 * tenths, where equal-width bins would average well-calibrated and badly calibrated rows together
 * and hide the error, and leave the other bins nearly empty and noisy.
 *
 * <p>Rows with the same probability on the 1e-6 grid of {@link RankingHistogram#GRID} (a cell) are
 * never split between bins: walking the cells in increasing probability, a bin is closed once it
 * reaches the next multiple of n / {@value #BINS} rows, so heavy ties give fewer bins.
 *
 * @param from lowest probability (on the grid) in each bin
 * @param to highest probability (on the grid) in each bin
 * @param count rows per bin
 * @param sumP sum of the predictions per bin
 * @param sumY churners per bin
 */
public record Reliability(double[] from, double[] to, long[] count, double[] sumP, double[] sumY)
    implements java.io.Serializable {
  static final int BINS = 10;

  /**
   * The table of cells given in increasing probability: each {@code {grid key, rows, churners, sum
   * of the predictions}}.
   */
  static Reliability ofCells(List<double[]> cells) {
    long n = 0;
    for (double[] c : cells) {
      n += (long) c[1];
    }
    List<double[]> bins = new ArrayList<>();
    double[] bin = null;
    long cumulative = 0;
    for (double[] c : cells) {
      double score = c[0] * RankingHistogram.GRID;
      if (bin == null) {
        bin = new double[] {score, score, 0, 0, 0};
      }
      bin[1] = score;
      bin[2] += c[1];
      bin[3] += c[3];
      bin[4] += c[2];
      cumulative += (long) c[1];
      if (bins.size() < BINS - 1 && cumulative * BINS >= (bins.size() + 1) * n) {
        bins.add(bin);
        bin = null;
      }
    }
    if (bin != null) {
      bins.add(bin);
    }
    int k = bins.size();
    Reliability r =
        new Reliability(new double[k], new double[k], new long[k], new double[k], new double[k]);
    for (int b = 0; b < k; b++) {
      double[] x = bins.get(b);
      r.from[b] = x[0];
      r.to[b] = x[1];
      r.count[b] = (long) x[2];
      r.sumP[b] = x[3];
      r.sumY[b] = x[4];
    }
    return r;
  }

  /** The table of probabilities p against 0/1 labels y, in memory. */
  public static Reliability of(double[] p, double[] y) {
    TreeMap<Long, double[]> cells = new TreeMap<>();
    for (int i = 0; i < p.length; i++) {
      long key = Math.round(p[i] / RankingHistogram.GRID);
      double[] c = cells.computeIfAbsent(key, k -> new double[] {k, 0, 0, 0});
      c[1]++;
      c[2] += y[i];
      c[3] += p[i];
    }
    return ofCells(new ArrayList<>(cells.values()));
  }

  /** Expected calibration error; NaN for an empty table. */
  public double ece() {
    long n = 0;
    double gap = 0;
    for (int b = 0; b < count.length; b++) {
      n += count[b];
      gap += Math.abs(sumP[b] - sumY[b]);
    }
    return n == 0 ? Double.NaN : gap / n;
  }

  /** The table as rows for the model sidecar: bin range, n, mean prediction, churn rate. */
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int b = 0; b < count.length; b++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("from", from[b]);
      row.put("to", to[b]);
      row.put("n", count[b]);
      row.put("mean_probability", sumP[b] / count[b]);
      row.put("churn_rate", sumY[b] / count[b]);
      out.add(row);
    }
    return out;
  }
}
