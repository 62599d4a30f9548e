package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The drivers section (what drives satisfaction, recommendation and churn: shares with 95 %
 * intervals per method) and the importance-performance quadrant, from driver_importance's {@code
 * ALL}-segment rows of the run.
 */
final class DriverSections {
  static final List<String> TARGETS = List.of("satisfaction", "recommend", "churn");
  private static final List<String> METHOD_ORDER = List.of("lmg", "relative_weight", "shap_gbt");
  private static final String ESTIMATED = "estimated";

  private DriverSections() {}

  /** Rows with a share, in method order then by share, largest first. */
  private static List<Row> estimated(List<Row> rows, String target) {
    return rows.stream()
        .filter(r -> target.equals(str(r, Cols.TARGET)))
        .filter(r -> ESTIMATED.equals(str(r, Cols.STATUS)) && dbl(r, Cols.SHARE) != null)
        .sorted(
            Comparator.comparingInt((Row r) -> methodRank(str(r, Cols.METHOD)))
                .thenComparing(r -> -dbl(r, Cols.SHARE)))
        .toList();
  }

  private static int methodRank(String method) {
    int i = METHOD_ORDER.indexOf(method);
    return i < 0 ? METHOD_ORDER.size() : i;
  }

  /** Why a target has no estimate: the notes of its rows, or that no row was written. */
  private static String whyNone(List<Row> rows, String target) {
    List<String> why =
        rows.stream()
            .filter(r -> target.equals(str(r, Cols.TARGET)))
            .map(
                r ->
                    str(r, Cols.STATUS)
                        + (str(r, Cols.NOTE) == null ? "" : ": " + str(r, Cols.NOTE)))
            .distinct()
            .limit(3)
            .toList();
    return why.isEmpty()
        ? "driver_importance has no row for " + Labels.target(target) + " on this date"
        : String.join("; ", why);
  }

  static Report.Section drivers(List<Row> rows, Labels labels) {
    String intro =
        "Each touchpoint's or operational metric's share of the importance of all drivers of"
            + " the outcome (for LMG and relative weights: of the explained variance), per method,"
            + " with its 95 % interval where the method has one (driver_importance, segment ALL).";
    List<Report.Chart> charts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String target : TARGETS) {
      List<Row> est = estimated(rows, target);
      if (est.isEmpty()) {
        missing.add(Labels.target(target) + ": " + whyNone(rows, target));
        continue;
      }
      // Rows grouped by driver (in the order of the first method's shares), one per method.
      List<String> order = est.stream().map(r -> str(r, Cols.DRIVER)).distinct().toList();
      List<String> cats = new ArrayList<>();
      List<String> groups = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      for (String d : order) {
        boolean first = true;
        for (Row r : est) {
          if (!d.equals(str(r, Cols.DRIVER))) {
            continue;
          }
          cats.add(first ? labels.name(d) : "");
          first = false;
          groups.add(Labels.method(str(r, Cols.METHOD)));
          v.add(dbl(r, Cols.SHARE) * 100);
          lo.add(dbl(r, Cols.CI_LOW) == null ? null : dbl(r, Cols.CI_LOW) * 100);
          hi.add(dbl(r, Cols.CI_HIGH) == null ? null : dbl(r, Cols.CI_HIGH) * 100);
        }
      }
      ObjectNode option = Charts.intervalBars("share of importance (%)", cats, groups, v, lo, hi);
      charts.add(
          new Report.Chart(
              "drivers-" + target,
              "What drives " + Labels.target(target),
              reading(est.get(0), target, labels),
              Charts.json(option),
              Math.max(200, 110 + 22 * cats.size())));
    }
    if (charts.isEmpty()) {
      return Report.Section.empty(
          "drivers",
          "What drives satisfaction, recommendation and churn",
          intro,
          String.join(". ", missing) + ".");
    }
    String note = missing.isEmpty() ? null : "Not shown: " + String.join(". ", missing) + ".";
    return new Report.Section(
        "drivers",
        "What drives satisfaction, recommendation and churn",
        intro,
        charts,
        List.of(),
        note);
  }

  /**
   * "Delivery drives 41 % (39–42 %) of overall satisfaction (LMG) and performs below average: fix
   * first."
   */
  static String reading(Row top, String target, Labels labels) {
    String s =
        labels.name(str(top, Cols.DRIVER))
            + " drives "
            + Labels.pctWithInterval(
                dbl(top, Cols.SHARE), dbl(top, Cols.CI_LOW), dbl(top, Cols.CI_HIGH))
            + " of "
            + Labels.target(target)
            + " ("
            + Labels.method(str(top, Cols.METHOD))
            + ")";
    String q = str(top, Cols.QUADRANT);
    return s + (q == null ? "." : " and " + advice(q) + ".");
  }

  static String advice(String quadrant) {
    return switch (quadrant) {
      case "concentrate_here" -> "performs below average: fix first";
      case "keep_up" -> "performs above average: keep it up";
      case "low_priority" -> "performs below average but matters little: low priority";
      case "possible_overkill" -> "performs above average but matters little: possible overkill";
      default -> "is in quadrant " + quadrant;
    };
  }

  /**
   * The importance-performance quadrant of the first method with touchpoint rows for satisfaction.
   */
  static Report.Section quadrant(List<Row> rows, Labels labels) {
    String title = "Importance and performance";
    String intro =
        "Each touchpoint by its share of overall satisfaction (x) and its mean score (y, 0..1);"
            + " the dashed lines mark the mean share and mean score of the touchpoints shown.";
    List<Row> pts =
        estimated(rows, "satisfaction").stream()
            .filter(r -> "touchpoint".equals(str(r, Cols.DRIVER_KIND)))
            .filter(r -> dbl(r, Cols.PERFORMANCE) != null && str(r, Cols.QUADRANT) != null)
            .toList();
    if (pts.isEmpty()) {
      return Report.Section.empty(
          "quadrant",
          title,
          intro,
          "No touchpoint of overall satisfaction has a share, a performance"
              + " and a quadrant on this date ("
              + whyNone(rows, "satisfaction")
              + ").");
    }
    String method = str(pts.get(0), Cols.METHOD);
    pts = pts.stream().filter(r -> method.equals(str(r, Cols.METHOD))).toList();
    double meanShare = pts.stream().mapToDouble(r -> dbl(r, Cols.SHARE)).average().orElse(0);
    Map<String, List<Row>> byQuadrant = new LinkedHashMap<>();
    for (String q : List.of("concentrate_here", "keep_up", "low_priority", "possible_overkill")) {
      byQuadrant.put(q, new ArrayList<>());
    }
    pts.forEach(
        r -> byQuadrant.computeIfAbsent(str(r, Cols.QUADRANT), k -> new ArrayList<>()).add(r));
    ObjectNode o = Charts.base(true);
    ArrayNode legend = ((ObjectNode) o.get("legend")).putArray("data");
    byQuadrant.forEach(
        (q, list) -> {
          if (!list.isEmpty()) {
            legend.add(q.replace('_', ' '));
          }
        });
    o.set(
        "xAxis",
        Charts.valueAxis("share of overall satisfaction (%, " + Labels.method(method) + ")"));
    ObjectNode y = Charts.yValueAxis("performance (mean score, 0..1)");
    y.put("scale", true);
    o.set("yAxis", y);
    ArrayNode series = o.putArray("series");
    byQuadrant.forEach(
        (q, list) -> {
          if (list.isEmpty()) {
            return;
          }
          ObjectNode s = series.addObject();
          s.put("type", "scatter").put("name", q.replace('_', ' ')).put("symbolSize", 14);
          s.putObject("labelLayout").put("hideOverlap", true);
          s.putObject("label")
              .put("show", true)
              .put("position", "right")
              .put("formatter", "{@[2]}");
          ArrayNode data = s.putArray("data");
          for (Row r : list) {
            // Points right of the mean share are labelled on their left, inside the chart.
            ObjectNode point = data.addObject();
            point
                .putArray("value")
                .add(Labels.round(dbl(r, Cols.SHARE) * 100))
                .add(Labels.round(dbl(r, Cols.PERFORMANCE)))
                .add(labels.name(str(r, Cols.DRIVER)));
            if (dbl(r, Cols.SHARE) > meanShare) {
              point.putObject("label").put("position", "left");
            }
          }
        });
    double meanPerf = pts.stream().mapToDouble(r -> dbl(r, Cols.PERFORMANCE)).average().orElse(0);
    ObjectNode lines = series.addObject();
    lines.put("type", "scatter").put("name", "means").putArray("data");
    ObjectNode ml = lines.putObject("markLine");
    ml.put("silent", true).put("symbol", "none");
    ml.putObject("lineStyle").put("type", "dashed").put("color", "#888");
    ArrayNode mld = ml.putArray("data");
    mld.addObject().put("xAxis", Labels.round(meanShare * 100));
    mld.addObject().put("yAxis", Labels.round(meanPerf));
    List<String> fix =
        byQuadrant.getOrDefault("concentrate_here", List.of()).stream()
            .map(r -> labels.name(str(r, Cols.DRIVER)))
            .toList();
    String reading =
        fix.isEmpty()
            ? "No touchpoint is both important and below average: nothing to fix first."
            : "Fix first (important, performing below average): " + String.join(", ", fix) + ".";
    return new Report.Section(
        "quadrant",
        title,
        intro,
        List.of(
            new Report.Chart(
                "quadrant-satisfaction",
                "Importance against performance",
                reading,
                Charts.json(o),
                380)),
        List.of(),
        null);
  }
}
