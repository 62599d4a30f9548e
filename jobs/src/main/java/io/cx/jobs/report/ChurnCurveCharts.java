package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * The ROC, lift and calibration curves of the scoring model on the test customers, from
 * model_curves, each with its reference line (chance, random order, perfect calibration) and a
 * reading computed from the points. A curve without points is not drawn and {@link Curves#missing}
 * says why.
 */
final class ChurnCurveCharts {
  /** The share of customers whose lift and captured churners the lift reading quotes. */
  static final double TOP = 0.1;

  /** A second share, for the churners captured. */
  static final double WIDER = 0.3;

  private ChurnCurveCharts() {}

  /**
   * The charts drawn and the sentences on the curves that are not.
   *
   * @param charts the charts, in the order ROC, lift, calibration
   * @param missing why a curve is not drawn, one sentence each; empty when all are
   */
  record Curves(List<Report.Chart> charts, List<String> missing) {}

  /** A curve's points in order, as {x, y, n} (n NaN when null). */
  private static List<double[]> points(List<Row> rows, String curve) {
    List<double[]> out = new ArrayList<>();
    rows.stream()
        .filter(r -> curve.equals(str(r, Cols.CURVE)))
        .sorted(Comparator.comparingInt(r -> r.<Integer>getAs(Cols.POINT)))
        .forEach(
            r -> {
              Double n = dbl(r, Cols.N);
              out.add(new double[] {dbl(r, Cols.X), dbl(r, Cols.Y), n == null ? Double.NaN : n});
            });
    return out;
  }

  /**
   * The curves of one model on the test split.
   *
   * @param rows model_curves rows of the journey, run date, model and test split
   * @param model the model they are of
   * @param auc the model's test AUC from model_metrics, or null (then the ROC's area is quoted)
   */
  static Curves of(List<Row> rows, String model, Double auc) {
    List<Report.Chart> charts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<double[]> roc = points(rows, "roc");
    if (roc.size() < 2) {
      missing.add(
          "No ROC curve: the test customers of the " + model + " model are of one class only.");
    } else {
      charts.add(roc(roc, model, auc == null ? area(roc) : auc));
    }
    List<double[]> lift = points(rows, "lift");
    if (lift.isEmpty()) {
      missing.add("No lift curve: no test customer of the " + model + " model churned.");
    } else {
      charts.add(lift(lift, model));
    }
    List<double[]> calibration = points(rows, "calibration");
    if (calibration.isEmpty()) {
      missing.add("No calibration curve: model_curves has no calibration point for " + model + ".");
    } else {
      charts.add(calibration(calibration, model));
    }
    return new Curves(charts, missing);
  }

  /** The trapezoid area under the points (the AUC, for a ROC curve). */
  static double area(List<double[]> points) {
    double a = 0;
    for (int i = 1; i < points.size(); i++) {
      a +=
          (points.get(i)[0] - points.get(i - 1)[0]) * (points.get(i)[1] + points.get(i - 1)[1]) / 2;
    }
    return a;
  }

  private static Report.Chart roc(List<double[]> points, String model, double auc) {
    ObjectNode o =
        square("false positive rate: non-churners flagged (%)", "churners flagged (%)", 100);
    ArrayNode series = o.putArray("series");
    line(series, model + " (test)", points, 100, 100, "#5470c6");
    reference(series, "chance (AUC 0.5)", 0, 0, 100, 100);
    String reading =
        String.format(
            Locale.ROOT,
            "The %s model ranks a churner above a non-churner %.0f %% of the time (test AUC %.2f;"
                + " chance is 50 %%).",
            model,
            auc * 100,
            auc);
    return new Report.Chart(
        "churn-roc",
        "ROC curve of the " + model + " model (test customers)",
        reading,
        json(o),
        340);
  }

  private static Report.Chart lift(List<double[]> points, String model) {
    ObjectNode o = Charts.base(true);
    ObjectNode x = Charts.valueAxis("customers contacted, riskiest first (% of customers)");
    x.put("min", 0).put("max", 100).put("interval", 25);
    o.set("xAxis", x);
    ObjectNode y = Charts.yValueAxis("churn rate against average (×)");
    y.put("min", 0);
    o.set("yAxis", y);
    ArrayNode series = o.putArray("series");
    line(series, model + " (test)", points, 100, 1, "#5470c6");
    reference(series, "random order (1×)", 0, 1, 100, 1);
    double top = at(points, TOP);
    double wider = at(points, WIDER);
    String reading =
        String.format(
            Locale.ROOT,
            "The %.0f %% of customers the %s model rates riskiest churn %.1f× as often as average;"
                + " the riskiest %.0f %% hold %.0f %% of all churners.",
            TOP * 100,
            model,
            top,
            WIDER * 100,
            wider * WIDER * 100);
    return new Report.Chart(
        "churn-lift", "Lift of the " + model + " model (test customers)", reading, json(o), 320);
  }

  private static Report.Chart calibration(List<double[]> points, String model) {
    // Both axes to the same end, the smallest of 20, 40, ..., 100 % that holds every point: the
    // bins crowd into low probabilities, and the diagonal stays at 45 degrees.
    double highest = 0;
    for (double[] p : points) {
      highest = Math.max(highest, Math.max(p[0], p[1]));
    }
    int end = (int) Math.min(100, Math.max(20, Math.ceil(highest * 100 / 20 - 1e-9) * 20));
    ObjectNode o = square("predicted churn probability (%)", "observed churn rate (%)", end);
    ArrayNode series = o.putArray("series");
    ObjectNode s = line(series, model + " (test, bins of customers)", points, 100, 100, "#ee6666");
    s.put("showSymbol", true).put("symbolSize", 7);
    reference(series, "perfect calibration", 0, 0, end, end);
    double rows = 0;
    double gap = 0;
    double[] worst = points.get(0);
    for (double[] p : points) {
      rows += p[2];
      gap += p[2] * Math.abs(p[0] - p[1]);
      if (Math.abs(p[0] - p[1]) > Math.abs(worst[0] - worst[1])) {
        worst = p;
      }
    }
    String reading =
        String.format(
            Locale.ROOT,
            "Predictions are off by %.1f points on average (ECE); the largest gap: customers"
                + " predicted at %.0f %% churned at %.0f %% (%,.0f customers).",
            gap / rows * 100,
            worst[0] * 100,
            worst[1] * 100,
            worst[2]);
    return new Report.Chart(
        "churn-calibration",
        "Calibration of the " + model + " model (test customers)",
        reading,
        json(o),
        340);
  }

  /** The y of the point whose x is closest to {@code x}. */
  private static double at(List<double[]> points, double x) {
    double[] best = points.get(0);
    for (double[] p : points) {
      if (Math.abs(p[0] - x) < Math.abs(best[0] - x)) {
        best = p;
      }
    }
    return best[1];
  }

  /** Two percentage axes from 0 to {@code end}, ticks at quarters (they fit on a phone). */
  private static ObjectNode square(String xName, String yName, int end) {
    ObjectNode o = Charts.base(true);
    ObjectNode x = Charts.valueAxis(xName);
    x.put("min", 0).put("max", end).put("interval", end / 4.0);
    o.set("xAxis", x);
    ObjectNode y = Charts.yValueAxis(yName);
    y.put("min", 0).put("max", end).put("interval", end / 4.0);
    o.set("yAxis", y);
    return o;
  }

  private static ObjectNode line(
      ArrayNode series, String name, List<double[]> points, double xs, double ys, String color) {
    ObjectNode s = series.addObject();
    s.put("type", "line").put("name", name).put("showSymbol", false);
    s.putObject("itemStyle").put("color", color);
    s.putObject("lineStyle").put("width", 2);
    ArrayNode data = s.putArray("data");
    for (double[] p : points) {
      data.addArray().add(Labels.round(p[0] * xs)).add(Labels.round(p[1] * ys));
    }
    return s;
  }

  private static void reference(
      ArrayNode series, String name, double x0, double y0, double x1, double y1) {
    ObjectNode s = series.addObject();
    s.put("type", "line").put("name", name).put("showSymbol", false);
    s.putObject("itemStyle").put("color", "#999");
    s.putObject("lineStyle").put("type", "dashed").put("width", 1);
    ArrayNode data = s.putArray("data");
    data.addArray().add(x0).add(y0);
    data.addArray().add(x1).add(y1);
  }

  private static String json(ObjectNode o) {
    ((ObjectNode) o.get("tooltip")).put("trigger", "axis");
    return Charts.json(o);
  }
}
