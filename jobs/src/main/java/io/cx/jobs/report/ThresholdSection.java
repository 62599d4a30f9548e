package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.lng;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Where an operational metric starts to hurt a touchpoint (metric_thresholds): for each tipping
 * point found, the mean touchpoint score on each side of the threshold as a step, the threshold and
 * its bootstrap interval marked; the pairs without one in a table with the reason.
 */
final class ThresholdSection {
  static final String FOUND = "found";
  private static final int MAX_CHARTS = 8;

  private ThresholdSection() {}

  static Report.Section of(List<Row> rows, Labels labels) {
    String title = "Where operational metrics start to hurt";
    String intro =
        "Mean touchpoint score (0..1) for responses at or below the threshold of an objective"
            + " metric and above it; the shaded band is the threshold's 95 % bootstrap interval"
            + " (metric_thresholds, tipping points that beat a smooth trend after false-discovery"
            + " control).";
    if (rows.isEmpty()) {
      return Report.Section.empty(
          "thresholds", title, intro, "metric_thresholds has no row for this journey and date.");
    }
    List<Row> found =
        rows.stream()
            .filter(r -> FOUND.equals(str(r, Cols.STATUS)) && dbl(r, Cols.THRESHOLD) != null)
            .sorted(Comparator.comparingDouble(r -> q(r)))
            .toList();
    List<Report.Chart> charts = new ArrayList<>();
    for (Row r : found.subList(0, Math.min(MAX_CHARTS, found.size()))) {
      charts.add(chart(r, labels, charts.size()));
    }
    List<List<String>> others = new ArrayList<>();
    for (Row r : rows) {
      if (!found.contains(r)) {
        others.add(
            List.of(
                str(r, Cols.METRIC),
                labels.name(str(r, Cols.TOUCHPOINT)),
                String.valueOf(str(r, Cols.STATUS)),
                str(r, Cols.NOTE) == null ? "" : str(r, Cols.NOTE)));
      }
    }
    List<Report.TableView> tables =
        others.isEmpty()
            ? List.of()
            : List.of(
                new Report.TableView(
                    "Pairs without a tipping point, and why",
                    List.of("metric", "touchpoint", "status", "note"),
                    others,
                    true));
    String empty =
        found.isEmpty()
            ? "No metric has a tipping point on this date: none of the "
                + rows.size()
                + " metric and touchpoint pairs beat a smooth trend (see the table)."
            : null;
    return new Report.Section("thresholds", title, intro, charts, tables, empty);
  }

  private static double q(Row r) {
    Double q = dbl(r, Cols.Q_STEP);
    return q == null ? 1.0 : q;
  }

  private static Report.Chart chart(Row r, Labels labels, int index) {
    String metric = str(r, Cols.METRIC);
    String touchpoint = labels.name(str(r, Cols.TOUCHPOINT));
    double t = dbl(r, Cols.THRESHOLD);
    double below = dbl(r, Cols.SCORE_BELOW);
    double above = dbl(r, Cols.SCORE_ABOVE);
    Double lo = dbl(r, Cols.THRESHOLD_LO);
    Double hi = dbl(r, Cols.THRESHOLD_HI);
    double right = Math.max(t * 2, hi == null ? t * 2 : hi * 1.25);
    if (right <= 0) {
      right = 1;
    }
    String unit = labels.unit(metric);
    ObjectNode o = Charts.base(false);
    ObjectNode x = Charts.valueAxis(metric + (unit == null ? "" : " (" + unit + ")"));
    x.put("min", Math.min(0, t));
    o.set("xAxis", x);
    ObjectNode y = Charts.yValueAxis(touchpoint + " score (0..1)");
    y.put("scale", true);
    o.set("yAxis", y);
    ArrayNode series = o.putArray("series");
    ObjectNode s = series.addObject();
    s.put("type", "line").put("name", "mean score").put("step", "end").put("symbolSize", 8);
    ArrayNode data = s.putArray("data");
    data.addArray().add(Math.min(0, t)).add(Labels.round(below));
    data.addArray().add(Labels.round(t)).add(Labels.round(above));
    data.addArray().add(Labels.round(right)).add(Labels.round(above));
    ObjectNode ml = s.putObject("markLine");
    ml.put("symbol", "none");
    ml.putObject("lineStyle").put("color", "#c0392b").put("type", "dashed");
    ml.putArray("data")
        .addObject()
        .put("xAxis", Labels.round(t))
        .put("name", "threshold " + Labels.num(t));
    ml.putObject("label").put("formatter", "{b}").put("position", "insideEndBottom");
    if (lo != null && hi != null) {
      ObjectNode ma = s.putObject("markArea");
      ma.putObject("itemStyle").put("color", "rgba(192,57,43,0.12)");
      ArrayNode pair = ma.putArray("data").addArray();
      pair.addObject().put("xAxis", Labels.round(lo));
      pair.addObject().put("xAxis", Labels.round(hi));
    }
    String reading =
        touchpoint
            + " scores "
            + Labels.score(below)
            + " when "
            + metric
            + " is at most "
            + Labels.num(t)
            + " and "
            + Labels.score(above)
            + " above it ("
            + (above < below ? "a drop of " : "a rise of ")
            + Labels.score(Math.abs(below - above))
            + "; n "
            + lng(r, Cols.N_BELOW)
            + " and "
            + lng(r, Cols.N_ABOVE)
            + ").";
    return new Report.Chart(
        "threshold-" + index, touchpoint + " against " + metric, reading, Charts.json(o), 280);
  }
}
