package io.cx.jobs.churn.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits a {@link Calibrator} on the calibration rows (training customers the model did not see),
 * from their {@link CalibrationHistogram}. With {@code auto}, the method is chosen by
 * cross-fitting: the rows are split in two halves by customer; each candidate (none, platt,
 * isotonic) is fitted on one half and its log loss measured on the other, both ways; the lowest
 * total wins (ties go to the simpler method), and is then refitted on all the calibration rows. So
 * calibration is applied when, and only as far as, it improves probabilities on unseen rows.
 */
public final class CalibratorSelection {
  static final List<String> CANDIDATES = List.of("none", "platt", "isotonic");

  private CalibratorSelection() {}

  /**
   * The calibrator and the held-out log loss (mean per row) of each method tried: every candidate
   * with {@code auto}, else the one method asked for.
   *
   * @param calibrator the fitted calibrator
   * @param heldOutLogLoss method to its cross-fitted log loss
   * @param rows calibration rows
   */
  public record Choice(Calibrator calibrator, Map<String, Double> heldOutLogLoss, long rows) {
    /**
     * The cross-fitted log loss of the calibrated model on the calibration rows: rows neither the
     * model nor (by cross-fitting) its calibrator was fitted on. NaN without calibration rows.
     */
    public double selectedHeldOutLogLoss() {
      Double loss = heldOutLogLoss.get(calibrator.method());
      return loss == null ? Double.NaN : loss;
    }
  }

  /**
   * @param method auto, none, platt or isotonic
   * @param rows calibration rows with a margin column, 0/1 label {@code y} and 0/1 {@code half}
   */
  public static Choice choose(
      String method, Dataset<Row> rows, String margin, String y, String half) {
    Map<Integer, CalibrationHistogram> halves = CalibrationHistogram.byGroup(rows, margin, y, half);
    CalibrationHistogram a = halves.getOrDefault(0, CalibrationHistogram.empty());
    CalibrationHistogram b = halves.getOrDefault(1, CalibrationHistogram.empty());
    CalibrationHistogram all = CalibrationHistogram.merge(a, b);
    double n = all.totalRows();
    Map<String, Double> loss = new LinkedHashMap<>();
    for (String candidate : method.equals("auto") ? CANDIDATES : List.of(method)) {
      double total = b.logLoss(fit(candidate, a)) + a.logLoss(fit(candidate, b));
      loss.put(candidate, n == 0 ? Double.NaN : total / n);
    }
    if (!method.equals("auto")) {
      return new Choice(fit(method, all), loss, Math.round(n));
    }
    String best = CANDIDATES.get(0);
    for (String c : CANDIDATES) {
      if (loss.get(c) < loss.get(best)) {
        best = c;
      }
    }
    return new Choice(fit(best, all), loss, Math.round(n));
  }

  /** Fits one method on all the rows of a Dataset. */
  public static Calibrator fit(
      String method, Dataset<Row> rows, String margin, String y, String half) {
    Map<Integer, CalibrationHistogram> h = CalibrationHistogram.byGroup(rows, margin, y, half);
    CalibrationHistogram all = CalibrationHistogram.empty();
    for (CalibrationHistogram part : h.values()) {
      all = CalibrationHistogram.merge(all, part);
    }
    return fit(method, all);
  }

  /** Fits one method on a histogram. */
  public static Calibrator fit(String method, CalibrationHistogram h) {
    if (h.totalRows() == 0) {
      return new Calibrator.None();
    }
    return switch (method) {
      case "none" -> new Calibrator.None();
      case "platt" -> platt(h);
      case "isotonic" -> isotonic(h);
      default -> throw new IllegalArgumentException("Unknown calibration method " + method);
    };
  }

  private static Calibrator.Platt platt(CalibrationHistogram h) {
    long pos = Math.round(h.totalPositives());
    long neg = Math.round(h.totalRows()) - pos;
    double[] m = h.margin();
    return PlattFit.fit(
        pos,
        neg,
        pt -> {
          double[] s = new double[6];
          for (int i = 0; i < m.length; i++) {
            PlattFit.add(s, pt, m[i], 1.0, h.positives()[i]);
            PlattFit.add(s, pt, m[i], 0.0, h.rows()[i] - h.positives()[i]);
          }
          return s;
        });
  }

  /**
   * Isotonic regression of the churn rate on the margin (pool-adjacent-violators over the grid
   * points), clipped to half a row's worth of the calibration rows from 0 and 1.
   */
  private static Calibrator isotonic(CalibrationHistogram h) {
    double floor = 0.5 / h.totalRows();
    return new Calibrator.Isotonic(h.margin(), Pava.fit(h.positives(), h.rows()), floor, 1 - floor);
  }
}
