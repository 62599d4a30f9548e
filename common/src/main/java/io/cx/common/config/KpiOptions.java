package io.cx.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kpis:} section: how touchpoint KPIs, their norms and alerts are computed.
 *
 * @param minN cells with fewer answers keep their n but get a null value (suppressed)
 * @param normPeriods how many previous periods of the same grain and cut make the norm
 * @param fdr false-discovery rate of the alerts (Benjamini-Hochberg, per period and grain)
 * @param grains the period grains to compute: day, week, month
 */
public record KpiOptions(int minN, int normPeriods, double fdr, List<String> grains) {
  public static final List<String> ALL_GRAINS = List.of("day", "week", "month");

  public KpiOptions {
    grains = List.copyOf(grains);
  }

  static KpiOptions read(ConfigNode n) {
    int minN = n.integer("min_n", 30);
    int normPeriods = n.integer("norm_periods", 6);
    double fdr = n.number("fdr", 0.05);
    List<String> grains = n.has("grains") ? n.stringList("grains") : new ArrayList<>(ALL_GRAINS);
    Problems p = n.problems();
    p.check(minN >= 1, n.keyPath("min_n"), "must be at least 1");
    p.check(normPeriods >= 1, n.keyPath("norm_periods"), "must be at least 1 period");
    p.check(fdr > 0 && fdr < 1, n.keyPath("fdr"), "must be a rate between 0 and 1, e.g. 0.05");
    for (String g : grains) {
      p.check(
          ALL_GRAINS.contains(g),
          n.keyPath("grains"),
          "'" + g + "' is not a grain; use day, week or month");
    }
    p.check(!grains.isEmpty(), n.keyPath("grains"), "must list at least one of day, week, month");
    return new KpiOptions(minN, normPeriods, fdr, grains);
  }
}
