package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.KpiOptions;
import io.cx.common.config.KpiOptions.Recompute;
import io.cx.common.contract.Cols;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Which periods a run for date D computes, which answers it must read for them, and which rows of
 * touchpoint_kpis it replaces.
 *
 * <p>Incremental (the nightly run): the day D, the ISO week and the month containing D, for the
 * configured grains. Their norms need the {@code norm_periods} whole periods before each, so the
 * run reads answers from the earliest of those period starts up to the end of D. Full: every period
 * up to D, from every answer.
 *
 * @param runDate the run date D
 * @param grains the grains to compute
 * @param normPeriods periods before a period that make its norm
 * @param mode incremental or full
 */
record PeriodPlan(LocalDate runDate, List<Grain> grains, int normPeriods, Recompute mode) {

  PeriodPlan {
    grains = List.copyOf(grains);
  }

  static PeriodPlan of(LocalDate runDate, KpiOptions options) {
    List<Grain> grains = options.grains().stream().map(Grain::of).toList();
    return new PeriodPlan(runDate, grains, options.normPeriods(), options.recompute());
  }

  boolean full() {
    return mode == Recompute.FULL;
  }

  /** The first day of the period containing D, per grain. */
  Map<Grain, LocalDate> currentPeriods() {
    Map<Grain, LocalDate> out = new LinkedHashMap<>();
    grains.forEach(g -> out.put(g, g.start(runDate)));
    return out;
  }

  /**
   * The first local day whose answers the run needs, or null for a full run (all of them): the
   * start of the earliest norm period of any grain.
   */
  LocalDate readFrom() {
    if (full()) {
      return null;
    }
    return grains.stream()
        .map(g -> g.minus(g.start(runDate), normPeriods))
        .min(LocalDate::compareTo)
        .orElseThrow();
  }

  /** True on the rows of the periods this run writes; columns period_grain and period_start. */
  Column isWritten() {
    Column grain = col(Cols.PERIOD_GRAIN);
    Column start = col(Cols.PERIOD_START);
    if (full()) {
      return grain.isin(grainIds().toArray()).and(start.leq(lit(Date.valueOf(runDate))));
    }
    Column any = lit(false);
    for (Map.Entry<Grain, LocalDate> e : currentPeriods().entrySet()) {
      any =
          any.or(
              grain.equalTo(e.getKey().id()).and(start.equalTo(lit(Date.valueOf(e.getValue())))));
    }
    return any;
  }

  /**
   * The replaceWhere predicate: the same periods as {@link #isWritten()}, for the run's journeys.
   * Ids are safe identifiers, checked when the config loads.
   */
  String replacePredicate(Collection<String> journeys) {
    String js =
        journeys.stream().sorted().map(j -> "'" + j + "'").collect(Collectors.joining(", "));
    String periods;
    if (full()) {
      periods =
          Cols.PERIOD_GRAIN
              + " IN ("
              + grainIds().stream().map(g -> "'" + g + "'").collect(Collectors.joining(", "))
              + ") AND "
              + Cols.PERIOD_START
              + " <= DATE'"
              + runDate
              + "'";
    } else {
      periods =
          currentPeriods().entrySet().stream()
              .map(
                  e ->
                      "("
                          + Cols.PERIOD_GRAIN
                          + " = '"
                          + e.getKey().id()
                          + "' AND "
                          + Cols.PERIOD_START
                          + " = DATE'"
                          + e.getValue()
                          + "')")
              .collect(Collectors.joining(" OR ", "(", ")"));
    }
    return Cols.JOURNEY + " IN (" + js + ") AND " + periods;
  }

  private List<String> grainIds() {
    return grains.stream().map(Grain::id).toList();
  }

  /** A short description for notes and logs. */
  String describe() {
    if (full()) {
      return "every " + String.join(", ", grainIds()) + " period up to " + runDate;
    }
    return currentPeriods().entrySet().stream()
        .map(e -> e.getKey().id() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
