package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Which periods a run for date D computes, per journey; which answers it must read for them; and
 * which rows of touchpoint_kpis it replaces. A journey's periods are either every period up to D (a
 * full recompute) or a chosen set per grain ({@link Periods}); {@link KpiChanges} chooses them from
 * what is new in survey_answers.
 *
 * <p>A period's norm needs the {@code norm_periods} whole periods before it, so the run reads, per
 * grain, the answers of each chosen period and of the periods before it, and writes only the chosen
 * periods.
 *
 * @param runDate the run date D
 * @param grains the grains to compute
 * @param normPeriods periods before a period that make its norm
 * @param journeys the periods to compute per journey, in the config's order
 */
record PeriodPlan(
    LocalDate runDate, List<Grain> grains, int normPeriods, Map<String, Periods> journeys) {

  PeriodPlan {
    grains = List.copyOf(grains);
    journeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(journeys));
  }

  /**
   * The plan of a mode on its own: with {@code full}, every period up to D of every journey; with
   * {@code incremental}, the periods that contain D (the day, its ISO week and its month), which is
   * what a nightly run recomputes when every new answer is of D.
   */
  static PeriodPlan of(LocalDate runDate, KpiOptions options, Collection<String> journeys) {
    List<Grain> grains = grains(options);
    Periods p =
        options.recompute() == KpiOptions.Recompute.FULL
            ? Periods.EVERY
            : Periods.containing(runDate, grains);
    Map<String, Periods> byJourney = new LinkedHashMap<>();
    journeys.forEach(j -> byJourney.put(j, p));
    return new PeriodPlan(runDate, grains, options.normPeriods(), byJourney);
  }

  /** A plan of the given periods per journey. */
  static PeriodPlan of(LocalDate runDate, KpiOptions options, Map<String, Periods> journeys) {
    return new PeriodPlan(runDate, grains(options), options.normPeriods(), journeys);
  }

  static List<Grain> grains(KpiOptions options) {
    return options.grains().stream().map(Grain::of).toList();
  }

  /** True when the run computes nothing. */
  boolean isEmpty() {
    return journeys.values().stream().allMatch(Periods::isEmpty);
  }

  /** The journeys with periods to compute. */
  List<String> computed() {
    return journeys.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The local days whose answers a journey's periods need, as closed ranges [from, to] in order,
   * merged where they touch; a single range open at the start (from null) for every period.
   */
  List<LocalDate[]> readDays(String journey) {
    Periods p = journeys.get(journey);
    if (p.every()) {
      return List.<LocalDate[]>of(new LocalDate[] {null, runDate});
    }
    TreeMap<LocalDate, LocalDate> ranges = new TreeMap<>();
    for (Grain g : grains) {
      for (LocalDate start : p.starts(g)) {
        LocalDate from = g.minus(start, normPeriods);
        LocalDate to = g.last(start).isAfter(runDate) ? runDate : g.last(start);
        ranges.merge(from, to, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<LocalDate[]> merged = new ArrayList<>();
    for (Map.Entry<LocalDate, LocalDate> r : ranges.entrySet()) {
      LocalDate[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !r.getKey().isAfter(last[1].plusDays(1))) {
        last[1] = r.getValue().isAfter(last[1]) ? r.getValue() : last[1];
      } else {
        merged.add(new LocalDate[] {r.getKey(), r.getValue()});
      }
    }
    return merged;
  }

  /** The first local day a journey's periods need, or null for every period. */
  LocalDate readFrom(String journey) {
    return readDays(journey).get(0)[0];
  }

  /** True on the answers the plan needs; columns journey and the local day {@code day}. */
  Column isRead(Column day) {
    Column any = lit(false);
    for (String j : computed()) {
      Column days = lit(false);
      for (LocalDate[] r : readDays(j)) {
        Column to = day.leq(lit(Date.valueOf(r[1])));
        days = days.or(r[0] == null ? to : to.and(day.geq(lit(Date.valueOf(r[0])))));
      }
      any = any.or(col(Cols.JOURNEY).equalTo(j).and(days));
    }
    return any;
  }

  /**
   * True on the rows of the periods this run writes; columns journey, period_grain, period_start.
   */
  Column isWritten() {
    Column grain = col(Cols.PERIOD_GRAIN);
    Column start = col(Cols.PERIOD_START);
    Column any = lit(false);
    for (String j : computed()) {
      Periods p = journeys.get(j);
      Column periods;
      if (p.every()) {
        periods = grain.isin(grainIds().toArray()).and(start.leq(lit(Date.valueOf(runDate))));
      } else {
        periods = lit(false);
        for (Grain g : grains) {
          if (!p.starts(g).isEmpty()) {
            Object[] dates = p.starts(g).stream().map(Date::valueOf).toArray();
            periods = periods.or(grain.equalTo(g.id()).and(start.isin(dates)));
          }
        }
      }
      any = any.or(col(Cols.JOURNEY).equalTo(j).and(periods));
    }
    return any;
  }

  /**
   * The replaceWhere predicate: the same rows as {@link #isWritten()}. Ids are safe identifiers,
   * checked when the config loads.
   */
  String replacePredicate() {
    List<String> parts = new ArrayList<>();
    for (String j : computed()) {
      Periods p = journeys.get(j);
      String periods;
      if (p.every()) {
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
            grains.stream()
                .filter(g -> !p.starts(g).isEmpty())
                .map(
                    g ->
                        "("
                            + Cols.PERIOD_GRAIN
                            + " = '"
                            + g.id()
                            + "' AND "
                            + Cols.PERIOD_START
                            + " IN ("
                            + p.starts(g).stream()
                                .map(d -> "DATE'" + d + "'")
                                .collect(Collectors.joining(", "))
                            + "))")
                .collect(Collectors.joining(" OR ", "(", ")"));
      }
      parts.add("(" + Cols.JOURNEY + " = '" + j + "' AND " + periods + ")");
    }
    return String.join(" OR ", parts);
  }

  private List<String> grainIds() {
    return grains.stream().map(Grain::id).toList();
  }

  /** A short description for notes and logs, journey by journey when there are several. */
  String describe() {
    List<String> js = computed();
    if (js.isEmpty()) {
      return "no period";
    }
    if (journeys.size() == 1) {
      return describe(journeys.get(js.get(0)));
    }
    return js.stream()
        .map(j -> j + ": " + describe(journeys.get(j)))
        .collect(Collectors.joining("; "));
  }

  private String describe(Periods p) {
    if (p.every()) {
      return "every " + String.join(", ", grainIds()) + " period up to " + runDate;
    }
    List<String> out = new ArrayList<>();
    for (Grain g : grains) {
      var starts = p.starts(g);
      if (starts.size() == 1) {
        out.add(g.id() + " " + starts.first());
      } else if (starts.size() > 3) {
        out.add(starts.size() + " " + g.id() + "s from " + starts.first() + " to " + starts.last());
      } else if (!starts.isEmpty()) {
        out.add(
            g.id()
                + "s "
                + starts.stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
      }
    }
    return String.join("; ", out);
  }
}
