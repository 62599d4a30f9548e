package io.cx.jobs.churn.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of a model's quality curves on one split, from the statistics its metrics come from
 * (the score histogram on the 1e-6 grid and the reliability table), so the curves and the metrics
 * cannot disagree:
 *
 * <ul>
 *   <li>{@code roc}: from (0, 0), one point per distinct score, highest first: x the share of the
 *       non-churners scored at or above it (false positive rate), y the share of the churners (true
 *       positive rate), n the rows scored at or above it; it ends at (1, 1). Its trapezoid area is
 *       the AUC (Mann-Whitney, ties 1/2) to rounding. With more than {@link #ROC_SEGMENTS} distinct
 *       scores, consecutive scores are merged into at most that many segments of about equal rows
 *       (a score never split), as ties: the area then differs from the AUC by at most half the sum
 *       over segments of (step in x) x (step in y).
 *   <li>{@code lift}: at each share x = 1 %, 2 %, ..., 100 % of the rows, highest scored first, y
 *       the churn rate among exactly x n rows over the overall rate, as {@code lift_top_decile}
 *       (which is the point at 10 %); n is null.
 *   <li>{@code calibration}: one point per bin of the reliability table, x its mean predicted
 *       probability, y its observed churn rate, n its rows.
 * </ul>
 *
 * Without churners (or without non-churners, for the ROC) the ranking curves have no points.
 *
 * @param roc the ROC curve
 * @param lift the cumulative lift curve
 * @param calibration the reliability diagram's points
 */
public record ModelCurves(List<Point> roc, List<Point> lift, List<Point> calibration) {
  /** Most segments of a stored ROC curve. */
  static final int ROC_SEGMENTS = 1000;

  /** Points of the lift curve, at shares 1/LIFT_POINTS apart. */
  static final int LIFT_POINTS = 100;

  /** The names of the curves, the values of model_curves.curve. */
  public static final String ROC = "roc";

  public static final String LIFT = "lift";
  public static final String CALIBRATION = "calibration";

  public ModelCurves {
    roc = List.copyOf(roc);
    lift = List.copyOf(lift);
    calibration = List.copyOf(calibration);
  }

  /**
   * One point of a curve.
   *
   * @param x the horizontal coordinate
   * @param y the vertical coordinate
   * @param n the rows behind the point, or null where no count applies
   */
  public record Point(double x, double y, Long n) {}

  /** The curves of a score histogram and the reliability table of the same rows. */
  static ModelCurves of(RankingHistogram h, Reliability r) {
    return new ModelCurves(roc(h, ROC_SEGMENTS), lift(h, LIFT_POINTS), calibration(r));
  }

  /** The ROC curve with at most {@code maxSegments} segments. */
  static List<Point> roc(RankingHistogram h, int maxSegments) {
    long pos = h.totalPositives();
    long neg = h.totalNegatives();
    List<Point> out = new ArrayList<>();
    if (pos == 0 || neg == 0) {
      return out;
    }
    long n = pos + neg;
    int groups = h.score().length;
    out.add(new Point(0, 0, 0L));
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < groups; i++) {
      tp += h.positives()[i];
      fp += h.negatives()[i];
      long rows = tp + fp;
      int segments = out.size() - 1;
      boolean close =
          groups <= maxSegments
              || i == groups - 1
              || rows * (double) maxSegments >= (segments + 1) * (double) n;
      if (close) {
        out.add(new Point((double) fp / neg, (double) tp / pos, rows));
      }
    }
    return out;
  }

  /** The cumulative lift at shares 1/points, 2/points, ..., 1 of the rows. */
  static List<Point> lift(RankingHistogram h, int points) {
    List<Point> out = new ArrayList<>();
    if (h.totalPositives() == 0) {
      return out;
    }
    double[] shares = new double[points];
    for (int j = 0; j < points; j++) {
      shares[j] = (j + 1) / (double) points;
    }
    double[] lifts = BinaryMetrics.lifts(h, shares);
    for (int j = 0; j < points; j++) {
      out.add(new Point(shares[j], lifts[j], null));
    }
    return out;
  }

  /** The reliability table's bins as points: mean prediction, churn rate, rows. */
  static List<Point> calibration(Reliability r) {
    List<Point> out = new ArrayList<>();
    for (int b = 0; b < r.count().length; b++) {
      out.add(new Point(r.sumP()[b] / r.count()[b], r.sumY()[b] / r.count()[b], r.count()[b]));
    }
    return out;
  }
}
