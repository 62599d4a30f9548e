package io.cx.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code kpis:} section: how touchpoint KPIs, their norms and alerts are computed.
 *
 * @param minN cells with a smaller effective n (Kish's; the count of answers without weights) keep
 *     their n but get a null value (suppressed)
 * @param normPeriods how many previous periods of the same grain and cut make the norm
 * @param fdr false-discovery rate of the alerts (Benjamini-Hochberg, per period and grain)
 * @param grains the period grains to compute: day, week, month
 * @param recompute which periods a run computes and replaces
 */
public record KpiOptions(
    int minN, int normPeriods, double fdr, List<String> grains, Recompute recompute) {
  public static final List<String> ALL_GRAINS = List.of("day", "week", "month");

  /** Which periods a run for date D computes and replaces. */
  public enum Recompute {
    /**
     * The periods (every grain) whose answers changed since the last successful kpis run, with the
     * later periods whose norm they feed; every period up to D on a first run or when what changed
     * cannot be known (the nightly default).
     */
    INCREMENTAL,
    /** Every period up to D, from all answers ingested by D (an explicit backfill). */
    FULL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public KpiOptions {
    grains = List.copyOf(grains);
  }

  /** The nightly (incremental) options. */
  public KpiOptions(int minN, int normPeriods, double fdr, List<String> grains) {
    this(minN, normPeriods, fdr, grains, Recompute.INCREMENTAL);
  }

  /** The same options with another recompute mode. */
  public KpiOptions withRecompute(Recompute mode) {
    return new KpiOptions(minN, normPeriods, fdr, grains, mode);
  }

  static KpiOptions read(ConfigNode n) {
    int minN = n.integer("min_n", 30);
    int normPeriods = n.integer("norm_periods", 6);
    double fdr = n.number("fdr", 0.05);
    List<String> grains = n.has("grains") ? n.stringList("grains") : new ArrayList<>(ALL_GRAINS);
    String recomputeText = n.string("recompute", Recompute.INCREMENTAL.id());
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
    Recompute recompute = Recompute.INCREMENTAL;
    try {
      recompute = Recompute.valueOf(String.valueOf(recomputeText).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      p.add(
          n.keyPath("recompute"),
          "'"
              + recomputeText
              + "' is not a recompute mode; use incremental (the periods whose answers changed"
              + " since the last successful kpis run, the default) or full (every period up to the"
              + " run date)");
    }
    return new KpiOptions(minN, normPeriods, fdr, grains, recompute);
  }
}
