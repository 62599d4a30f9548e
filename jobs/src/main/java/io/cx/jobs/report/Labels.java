package io.cx.jobs.report;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a report names things and writes numbers: touchpoints and stages by their journey-map names,
 * metrics with their unit, targets in words, shares as percentages.
 */
final class Labels {
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> units = new HashMap<>();

  Labels(JourneyMap journey) {
    for (Stage s : journey.stages()) {
      names.put(s.id(), nameOr(s.name(), s.id()));
      for (Touchpoint t : s.touchpoints()) {
        names.put(t.id(), nameOr(t.name(), t.id()));
      }
      for (Metric m : s.metrics()) {
        units.put(m.id(), unitOf(m));
      }
    }
  }

  private static String nameOr(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }

  /** What the metric's value counts or measures, from its aggregation and events. */
  static String unitOf(Metric m) {
    String events = String.join(", ", m.events());
    return switch (m.agg().kind()) {
      case COUNT -> "count of " + events + " events";
      case EXISTS -> "1 if any " + events + " event, else 0";
      case SUM -> "sum of " + events + " values";
      case AVG -> "mean of " + events + " values";
      case MIN -> "min of " + events + " values";
      case MAX -> "max of " + events + " values";
      case PERCENTILE ->
          String.format(Locale.ROOT, "p%.0f of %s values", m.agg().percentile() * 100, events);
    };
  }

  /** A touchpoint's or stage's name from the journey map; other ids (metrics, ALL) as they are. */
  String name(String id) {
    if (id == null) {
      return "(none)";
    }
    return names.getOrDefault(id, id);
  }

  /** The unit of an objective metric, or null for a touchpoint. */
  String unit(String metric) {
    return units.get(metric);
  }

  static String target(String target) {
    return switch (target) {
      case "satisfaction" -> "overall satisfaction";
      case "recommend" -> "likelihood to recommend (NPS)";
      case "churn" -> "churn";
      default -> target;
    };
  }

  static String method(String method) {
    return switch (method) {
      case "lmg" -> "LMG";
      case "relative_weight" -> "relative weight";
      case "shap_gbt" -> "tree SHAP";
      default -> method;
    };
  }

  /** 0.4123 as "41 %". */
  static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  /** A share and its interval: "41 % (39–42 %)". */
  static String pctWithInterval(double share, Double lo, Double hi) {
    if (lo == null || hi == null) {
      return pct(share);
    }
    return String.format(Locale.ROOT, "%.0f %% (%.0f–%.0f %%)", share * 100, lo * 100, hi * 100);
  }

  /** A number with about 3 significant digits, in plain notation, without trailing zeros. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    String s = String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.3g", v);
    return s.contains(".") && !s.contains("e") ? s.replaceAll("\\.?0+$", "") : s;
  }

  /** A 0..1 score as "0.78". */
  static String score(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Rounds to 4 decimals for chart data (keeps the report small). */
  static double round(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}
