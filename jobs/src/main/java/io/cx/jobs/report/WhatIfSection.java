package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.dbl;
import static io.cx.jobs.report.Fields.str;

import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * What-if (driver_impact, segment ALL): per target, the predicted change if a touchpoint improves
 * under each scenario, with its 95 % interval over draws of the models; read as a model-implied
 * association, not a causal effect.
 */
final class WhatIfSection {
  private WhatIfSection() {}

  /** The unit a delta is charted in, and the factor from the table's unit to it. */
  private record Unit(String axis, double factor, String words) {}

  private static Unit unit(String target) {
    return switch (target) {
      case "satisfaction" ->
          new Unit("change in mean satisfaction (points of 0..100)", 100, "points");
      case "recommend" -> new Unit("change in NPS (points, -100..100)", 1, "NPS points");
      case "churn" ->
          new Unit("change in churn probability (percentage points)", 100, "percentage points");
      default -> new Unit("change", 1, "");
    };
  }

  static Report.Section of(List<Row> rows, Labels labels) {
    String title = "What-if: the impact of improving a touchpoint";
    String intro =
        "Predicted change of each outcome if a touchpoint's lowest answers move up, per scenario,"
            + " with its 95 % interval over draws of the models (driver_impact, segment ALL, the"
            + " customers still at risk). These are associations in the models, not proven"
            + " effects.";
    List<Report.Chart> charts = new ArrayList<>();
    for (String target : DriverSections.TARGETS) {
      List<Row> t =
          rows.stream()
              .filter(r -> target.equals(str(r, Cols.TARGET)) && dbl(r, Cols.DELTA) != null)
              .sorted(
                  Comparator.comparing((Row r) -> str(r, Cols.SCENARIO))
                      .thenComparing(r -> Math.abs(dbl(r, Cols.DELTA)), Comparator.reverseOrder()))
              .toList();
      if (t.isEmpty()) {
        continue;
      }
      Unit u = unit(target);
      List<String> cats = new ArrayList<>();
      List<String> groups = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      boolean oneScenario = t.stream().map(r -> str(r, Cols.SCENARIO)).distinct().count() == 1;
      String previous = null;
      for (Row r : t) {
        String driver = labels.name(str(r, Cols.DRIVER));
        String scenario = str(r, Cols.SCENARIO);
        cats.add(
            oneScenario ? driver : scenario.equals(previous) ? driver : scenario + ": " + driver);
        previous = scenario;
        groups.add(scenario);
        v.add(dbl(r, Cols.DELTA) * u.factor);
        lo.add(dbl(r, Cols.DELTA_LOW) == null ? null : dbl(r, Cols.DELTA_LOW) * u.factor);
        hi.add(dbl(r, Cols.DELTA_HIGH) == null ? null : dbl(r, Cols.DELTA_HIGH) * u.factor);
      }
      charts.add(
          new Report.Chart(
              "whatif-" + target,
              "Impact on "
                  + Labels.target(target)
                  + (oneScenario ? " (scenario " + str(t.get(0), Cols.SCENARIO) + ")" : ""),
              reading(t.get(0), target, u, labels),
              Charts.json(Charts.intervalBars(u.axis, cats, groups, v, lo, hi)),
              Math.max(180, 110 + 26 * cats.size())));
    }
    if (charts.isEmpty()) {
      return Report.Section.empty(
          "whatif",
          title,
          intro,
          rows.isEmpty()
              ? "driver_impact has no row for this journey and date: the churn job trained no"
                  + " model, or no customer is still at risk."
              : "driver_impact has rows but none with a predicted change.");
    }
    return new Report.Section("whatif", title, intro, charts, List.of(), null);
  }

  static String reading(Row r, String target, Unit u, Labels labels) {
    double d = dbl(r, Cols.DELTA) * u.factor;
    Double lo = dbl(r, Cols.DELTA_LOW);
    Double hi = dbl(r, Cols.DELTA_HIGH);
    String verb = d > 0 ? "raises" : d < 0 ? "lowers" : "leaves";
    String s =
        String.format(
            Locale.ROOT,
            "Improving %s (%s) %s %s by %.2f %s",
            labels.name(str(r, Cols.DRIVER)),
            str(r, Cols.SCENARIO),
            verb,
            Labels.target(target),
            Math.abs(d),
            u.words);
    if (lo != null && hi != null) {
      s +=
          String.format(
              Locale.ROOT, " (95 %% interval %+.2f to %+.2f)", lo * u.factor, hi * u.factor);
    }
    Double rev = dbl(r, Cols.REVENUE_AT_RISK_DELTA);
    if (rev != null) {
      s += "; revenue at risk " + (rev > 0 ? "rises by " : "falls by ") + Labels.num(Math.abs(rev));
    }
    return s + ": the largest change of this outcome.";
  }
}
