package io.cx.jobs.kpis;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The periods of one journey a run computes: every period up to the run date, or chosen period
 * starts per grain (possibly none).
 *
 * @param every every period up to the run date
 * @param chosen the first days of the chosen periods per grain, when not every
 */
record Periods(boolean every, Map<Grain, SortedSet<LocalDate>> chosen) {
  static final Periods EVERY = new Periods(true, Map.of());
  static final Periods NONE = new Periods(false, Map.of());

  Periods {
    Map<Grain, SortedSet<LocalDate>> copy = new EnumMap<>(Grain.class);
    chosen.forEach(
        (g, s) -> {
          if (!s.isEmpty()) {
            copy.put(g, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(s)));
          }
        });
    chosen = java.util.Collections.unmodifiableMap(copy);
  }

  /** The periods of the given grains that contain a day. */
  static Periods containing(LocalDate day, List<Grain> grains) {
    return containing(List.of(day), grains);
  }

  /** The periods of the given grains that contain any of the days. */
  static Periods containing(Collection<LocalDate> days, List<Grain> grains) {
    Map<Grain, SortedSet<LocalDate>> out = new EnumMap<>(Grain.class);
    for (Grain g : grains) {
      SortedSet<LocalDate> starts = new TreeSet<>();
      days.forEach(d -> starts.add(g.start(d)));
      out.put(g, starts);
    }
    return new Periods(false, out);
  }

  /** The chosen starts of a grain; empty for none (and for {@link #every}, which chooses none). */
  SortedSet<LocalDate> starts(Grain g) {
    return chosen.getOrDefault(g, java.util.Collections.emptySortedSet());
  }

  boolean isEmpty() {
    return !every && chosen.isEmpty();
  }

  /** Every period in either. */
  Periods plus(Periods other) {
    if (every || other.every) {
      return EVERY;
    }
    Map<Grain, SortedSet<LocalDate>> out = new EnumMap<>(Grain.class);
    for (Grain g : Grain.values()) {
      SortedSet<LocalDate> s = new TreeSet<>(starts(g));
      s.addAll(other.starts(g));
      out.put(g, s);
    }
    return new Periods(false, out);
  }

  /**
   * These periods and the ones whose norm they feed: the {@code normPeriods} periods after each, as
   * long as they start on or before {@code runDate}.
   */
  Periods withNormsAfter(int normPeriods, LocalDate runDate) {
    if (every) {
      return this;
    }
    Map<Grain, SortedSet<LocalDate>> out = new EnumMap<>(Grain.class);
    chosen.forEach(
        (g, starts) -> {
          SortedSet<LocalDate> s = new TreeSet<>();
          for (LocalDate start : starts) {
            for (int k = 0; k <= normPeriods; k++) {
              LocalDate next = g.minus(start, -k);
              if (next.isAfter(runDate)) {
                break;
              }
              s.add(next);
            }
          }
          out.put(g, s);
        });
    return new Periods(false, out);
  }
}
