package io.cx.jobs.testing;

import io.cx.jobs.churn.evaluation.ModelCurves;
import java.util.List;

/** Areas under stored curve points, to compare a ROC curve with its AUC. */
public final class CurveAreas {
  private CurveAreas() {}

  /** The trapezoid area under the points, in their order. */
  public static double area(List<ModelCurves.Point> points) {
    double a = 0;
    for (int i = 1; i < points.size(); i++) {
      ModelCurves.Point p = points.get(i - 1);
      ModelCurves.Point q = points.get(i);
      a += (q.x() - p.x()) * (q.y() + p.y()) / 2;
    }
    return a;
  }

  /**
   * Half the sum over segments of (step in x) x (step in y): how far the trapezoid area of a ROC
   * curve whose consecutive scores were merged may be from the AUC of the unmerged scores.
   */
  public static double mergeBound(List<ModelCurves.Point> points) {
    double b = 0;
    for (int i = 1; i < points.size(); i++) {
      ModelCurves.Point p = points.get(i - 1);
      ModelCurves.Point q = points.get(i);
      b += (q.x() - p.x()) * (q.y() - p.y()) / 2;
    }
    return b;
  }
}
