package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.year;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * A period grain: the day, the ISO week (Monday to Sunday) or the calendar month, all cut on the
 * journey's local calendar. Each period is named by its first day.
 */
enum Grain {
  DAY,
  WEEK,
  MONTH;

  private static final java.sql.Date EPOCH = java.sql.Date.valueOf("1970-01-01");
  private static final java.sql.Date FIRST_MONDAY = java.sql.Date.valueOf("1970-01-05");

  /** The id written in period_grain and used in {@code kpis.grains}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Grain of(String id) {
    return Arrays.stream(values())
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no grain " + id));
  }

  /** The first day of the period that contains {@code day}. */
  LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /**
   * The first day of the period {@code periods} periods before the one starting on {@code start}.
   */
  LocalDate minus(LocalDate start, int periods) {
    return switch (this) {
      case DAY -> start.minusDays(periods);
      case WEEK -> start.minusWeeks(periods);
      case MONTH -> start.minusMonths(periods);
    };
  }

  /** The last day of the period starting on {@code start}. */
  LocalDate last(LocalDate start) {
    return minus(start, -1).minusDays(1);
  }

  /** The first day of the period containing a date column. */
  Column start(Column day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> trunc(day, "week");
      case MONTH -> trunc(day, "month");
    };
  }

  /** Consecutive integers for consecutive periods, from a period-start column. */
  Column index(Column start) {
    return switch (this) {
      case DAY -> datediff(start, lit(EPOCH));
      case WEEK -> datediff(start, lit(FIRST_MONDAY)).divide(7).cast("int");
      case MONTH -> year(start).multiply(12).plus(month(start));
    };
  }
}
