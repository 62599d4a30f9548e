package io.cx.jobs.churn.calibration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.cx.jobs.churn.evaluation.BinaryMetrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Calibration rows grouped by margin on a grid of {@value #GRID} log-odds (a probability error
 * below 2.5e-5), with churners and rows per grid point, in increasing margin. Everything the
 * calibrations need, collected in one Spark job: Platt's Newton steps, the isotonic fit and the
 * cross-fitted choice between them then run on the driver. A margin range of +-20 has at most 400
 * 001 points, whatever the number of rows.
 *
 * @param margin grid margins, strictly increasing
 * @param positives churners at each
 * @param rows rows at each
 */
record CalibrationHistogram(double[] margin, double[] positives, double[] rows) {
  static final double GRID = 1e-4;

  /** Histograms of a margin column, per value of an integer group column (e.g. the half). */
  static Map<Integer, CalibrationHistogram> byGroup(
      Dataset<Row> rows, String marginCol, String y, String group) {
    List<Row> cells =
        rows.groupBy(col(group), round(col(marginCol).divide(GRID)).cast("long").as("k"))
            .agg(sum(col(y)).as("pos"), count("*").as("n"))
            .collectAsList();
    Map<Integer, TreeMap<Long, double[]>> byGroup = new TreeMap<>();
    for (Row c : cells) {
      byGroup
          .computeIfAbsent(c.getInt(0), g -> new TreeMap<>())
          .put(c.getLong(1), new double[] {c.getDouble(2), c.getLong(3)});
    }
    Map<Integer, CalibrationHistogram> out = new TreeMap<>();
    byGroup.forEach((g, cellsOf) -> out.put(g, of(cellsOf)));
    return out;
  }

  private static CalibrationHistogram of(TreeMap<Long, double[]> cells) {
    int n = cells.size();
    double[] m = new double[n];
    double[] pos = new double[n];
    double[] rows = new double[n];
    int i = 0;
    for (Map.Entry<Long, double[]> e : cells.entrySet()) {
      m[i] = e.getKey() * GRID;
      pos[i] = e.getValue()[0];
      rows[i] = e.getValue()[1];
      i++;
    }
    return new CalibrationHistogram(m, pos, rows);
  }

  /** Two histograms as one. */
  static CalibrationHistogram merge(CalibrationHistogram a, CalibrationHistogram b) {
    TreeMap<Long, double[]> cells = new TreeMap<>();
    for (CalibrationHistogram h : List.of(a, b)) {
      for (int i = 0; i < h.margin.length; i++) {
        double[] c = cells.computeIfAbsent(Math.round(h.margin[i] / GRID), k -> new double[2]);
        c[0] += h.positives[i];
        c[1] += h.rows[i];
      }
    }
    return of(cells);
  }

  static CalibrationHistogram empty() {
    return new CalibrationHistogram(new double[0], new double[0], new double[0]);
  }

  double totalRows() {
    double s = 0;
    for (double r : rows) {
      s += r;
    }
    return s;
  }

  double totalPositives() {
    double s = 0;
    for (double p : positives) {
      s += p;
    }
    return s;
  }

  /** Sum of the log loss of a calibrator's probabilities over the rows. */
  double logLoss(Calibrator c) {
    double s = 0;
    for (int i = 0; i < margin.length; i++) {
      double p = c.probability(margin[i]);
      s +=
          positives[i] * BinaryMetrics.logLoss(p, 1)
              + (rows[i] - positives[i]) * BinaryMetrics.logLoss(p, 0);
    }
    return s;
  }
}
