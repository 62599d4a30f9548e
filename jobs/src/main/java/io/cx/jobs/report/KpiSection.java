package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.bool;
import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.lng;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * KPI trends (touchpoint_kpis, segment and channel ALL): per stage and touchpoint, CSAT per period
 * with its 95 % margin of error as a band, the norm from history and the alerts; overall
 * satisfaction and NPS first. Weekly when the table has weeks, else monthly, else daily.
 */
final class KpiSection {
  static final List<String> GRAINS = List.of("week", "month", "day");
  static final int MAX_PERIODS = 26;

  private KpiSection() {}

  /** One cell's series to chart. */
  private record Cell(String stage, String touchpoint, String metric, String title, String label) {}

  static Report.Section of(
      List<Row> rows, List<Row> alerts, List<Stage> stages, Labels labels, int alertCount) {
    String title = "KPI trends";
    String grain =
        GRAINS.stream()
            .filter(g -> rows.stream().anyMatch(r -> g.equals(str(r, Cols.PERIOD_GRAIN))))
            .findFirst()
            .orElse(null);
    String intro =
        "Per "
            + (grain == null ? "period" : grain)
            + ": the KPI (line), its 95 % margin of error (band), the norm expected from the"
            + " previous periods (dashed) and the alerts (red: below the norm after"
            + " false-discovery control); touchpoint_kpis, all segments and channels.";
    if (grain == null) {
      return Report.Section.empty(
          "kpis", title, intro, "touchpoint_kpis has no cell for this journey up to this date.");
    }
    List<Row> g =
        rows.stream()
            .filter(r -> grain.equals(str(r, Cols.PERIOD_GRAIN)))
            .filter(
                r -> Cols.ALL.equals(str(r, Cols.SEGMENT)) && Cols.ALL.equals(str(r, Cols.CHANNEL)))
            .toList();
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(Cols.ALL, Cols.ALL, "csat", "Overall satisfaction (CSAT)", "Overall CSAT"));
    cells.add(new Cell(Cols.ALL, Cols.ALL, "nps", "Net Promoter Score", "NPS"));
    for (Stage s : stages) {
      // A stage of one touchpoint has the same answers as that touchpoint: one chart.
      if (s.touchpoints().size() > 1) {
        cells.add(
            new Cell(
                s.id(),
                Cols.ALL,
                "csat",
                "Stage " + labels.name(s.id()) + " (CSAT)",
                "Stage " + labels.name(s.id()) + " CSAT"));
      }
      for (Touchpoint t : s.touchpoints()) {
        String stage = s.touchpoints().size() > 1 ? "" : ", stage " + labels.name(s.id());
        cells.add(
            new Cell(
                s.id(),
                t.id(),
                "csat",
                labels.name(t.id()) + " (CSAT" + stage + ")",
                labels.name(t.id()) + " CSAT"));
      }
    }
    List<Report.Chart> charts = new ArrayList<>();
    for (Cell c : cells) {
      List<Row> series =
          g.stream()
              .filter(
                  r ->
                      c.stage.equals(str(r, Cols.STAGE))
                          && c.touchpoint.equals(str(r, Cols.TOUCHPOINT)))
              .filter(r -> c.metric.equals(str(r, Cols.METRIC)))
              .sorted(Comparator.comparing(r -> str(r, Cols.PERIOD_START)))
              .toList();
      if (series.size() > MAX_PERIODS) {
        series = series.subList(series.size() - MAX_PERIODS, series.size());
      }
      if (series.stream().anyMatch(r -> dbl(r, Cols.VALUE) != null)) {
        charts.add(chart(c, series, grain, charts.size()));
      }
    }
    List<Report.TableView> tables = new ArrayList<>();
    if (!alerts.isEmpty()) {
      List<List<String>> cellsText = new ArrayList<>();
      for (Row a : alerts) {
        cellsText.add(
            List.of(
                str(a, Cols.PERIOD_GRAIN) + " " + str(a, Cols.PERIOD_START),
                labels.name(str(a, Cols.STAGE)),
                labels.name(str(a, Cols.TOUCHPOINT)),
                str(a, Cols.SEGMENT),
                str(a, Cols.CHANNEL),
                str(a, Cols.METRIC),
                fmt(dbl(a, Cols.VALUE)),
                fmt(dbl(a, Cols.NORM)),
                String.valueOf(lng(a, Cols.N))));
      }
      tables.add(
          new Report.TableView(
              "Alerts, most recent periods first ("
                  + alerts.size()
                  + " of "
                  + alertCount
                  + " alerting cells)",
              List.of(
                  "period",
                  "stage",
                  "touchpoint",
                  "segment",
                  "channel",
                  "metric",
                  "value",
                  "norm",
                  "n"),
              cellsText));
    }
    String empty =
        charts.isEmpty()
            ? "Every " + grain + " cell is suppressed (fewer answers than kpis.min_n)."
            : null;
    return new Report.Section("kpis", title, intro, charts, tables, empty);
  }

  private static String fmt(Double v) {
    return v == null ? "" : Labels.num(v);
  }

  private static Report.Chart chart(Cell c, List<Row> rows, String grain, int index) {
    boolean nps = "nps".equals(c.metric);
    String unit = nps ? "NPS (-100..100)" : "CSAT (mean score, 0..1)";
    List<String> periods = rows.stream().map(r -> str(r, Cols.PERIOD_START)).toList();
    List<Double> value = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    List<Double> band = new ArrayList<>();
    List<Double> norm = new ArrayList<>();
    ArrayNode alertPoints = Charts.array();
    for (Row r : rows) {
      Double v = dbl(r, Cols.VALUE);
      Double moe = dbl(r, Cols.MOE);
      value.add(v);
      lower.add(v == null || moe == null ? null : v - moe);
      band.add(v == null || moe == null ? null : 2 * moe);
      norm.add(dbl(r, Cols.NORM));
      if (bool(r, Cols.ALERT) && v != null) {
        alertPoints.addArray().add(str(r, Cols.PERIOD_START)).add(Labels.round(v));
      }
    }
    ObjectNode o = Charts.base(true);
    ObjectNode x = Charts.categoryAxis(grain + " starting", periods);
    x.putObject("axisLabel").put("rotate", 45).put("fontSize", 10).put("hideOverlap", true);
    x.put("nameLocation", "middle").put("nameGap", 62);
    o.set("xAxis", x);
    ObjectNode y = Charts.yValueAxis(unit);
    y.put("scale", true);
    o.set("yAxis", y);
    ((ObjectNode) o.get("grid")).put("bottom", 30);
    String name = c.metric.toUpperCase(java.util.Locale.ROOT);
    ((ObjectNode) o.get("legend"))
        .putArray("data")
        .add("95 % margin")
        .add(name)
        .add("norm")
        .add("alert");
    ArrayNode series = o.putArray("series");
    ObjectNode lo = series.addObject();
    lo.put("type", "line").put("name", "lower").put("stack", "moe").put("symbol", "none");
    lo.putObject("lineStyle").put("opacity", 0);
    lo.set("data", Charts.numbers(lower));
    lo.putObject("tooltip").put("show", false);
    ObjectNode b = series.addObject();
    b.put("type", "line").put("name", "95 % margin").put("stack", "moe").put("symbol", "none");
    b.putObject("lineStyle").put("opacity", 0);
    b.putObject("areaStyle").put("color", "rgba(52,101,164,0.18)");
    b.putObject("itemStyle").put("color", "rgba(52,101,164,0.35)");
    b.set("data", Charts.numbers(band));
    ObjectNode v = series.addObject();
    v.put("type", "line").put("name", name).put("symbolSize", 5);
    v.putObject("itemStyle").put("color", "#3465a4");
    v.set("data", Charts.numbers(value));
    ObjectNode n = series.addObject();
    n.put("type", "line").put("name", "norm").put("symbol", "none");
    n.putObject("lineStyle").put("type", "dashed").put("color", "#777");
    n.putObject("itemStyle").put("color", "#777");
    n.set("data", Charts.numbers(norm));
    ObjectNode al = series.addObject();
    al.put("type", "scatter").put("name", "alert").put("symbolSize", 12);
    al.putObject("itemStyle").put("color", "#c0392b");
    al.set("data", alertPoints);
    return new Report.Chart("kpi-" + index, c.title, reading(c, rows, grain), Charts.json(o), 300);
  }

  /** The latest period with a value, against its norm. */
  static String reading(Cell c, List<Row> rows, String grain) {
    Row last = null;
    for (Row r : rows) {
      if (dbl(r, Cols.VALUE) != null) {
        last = r;
      }
    }
    if (last == null) {
      return "No value: every period is suppressed.";
    }
    boolean nps = "nps".equals(c.metric);
    double v = dbl(last, Cols.VALUE);
    Double moe = dbl(last, Cols.MOE);
    Double norm = dbl(last, Cols.NORM);
    String val = nps ? Labels.num(v) : Labels.score(v);
    String s =
        c.label
            + " was "
            + val
            + (moe == null ? "" : " ± " + (nps ? Labels.num(moe) : Labels.score(moe)))
            + " in the "
            + grain
            + " of "
            + str(last, Cols.PERIOD_START)
            + (Fields.bool(last, Cols.COMPLETE) ? "" : " (so far)")
            + " (n "
            + lng(last, Cols.N)
            + ")";
    if (norm == null) {
      return s + "; no norm yet (too few answers in the previous periods).";
    }
    String nv = nps ? Labels.num(norm) : Labels.score(norm);
    if (bool(last, Cols.ALERT)) {
      return s + ", below its norm of " + nv + ": alert.";
    }
    return s
        + ", against a norm of "
        + nv
        + (v < norm ? ": below, but within chance." : ": at or above it.");
  }
}
