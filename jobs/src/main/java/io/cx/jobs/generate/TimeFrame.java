package io.cx.jobs.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The generator's calendar, all in UTC epoch seconds, derived from the fixed end date (never from
 * the clock). Events start {@code lookbackDays} before the first survey day, so that every survey
 * has a full look-back window; nothing is dated after the end date.
 *
 * @param surveyStart first instant a survey may be submitted (start of the first survey day)
 * @param eventStart first instant an event may happen
 * @param endExclusive start of the day after the end date: every timestamp is before it
 * @param dropWeekStart Monday of the week with the planted KPI drop (the 3rd-to-last full ISO week)
 */
record TimeFrame(long surveyStart, long eventStart, long endExclusive, LocalDate dropWeekStart) {
  static final long DAY = 86_400L;
  static final long HOUR = 3_600L;

  static TimeFrame of(LocalDate endDate, int surveyDays, int lookbackDays) {
    LocalDate firstSurveyDay = endDate.minusDays(surveyDays - 1L);
    LocalDate lastSunday = endDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    LocalDate dropMonday = lastSunday.minusDays(20);
    return new TimeFrame(
        epoch(firstSurveyDay),
        epoch(firstSurveyDay.minusDays(lookbackDays)),
        epoch(endDate.plusDays(1)),
        dropMonday);
  }

  static long epoch(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  static LocalDate day(long epochSecond) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  /**
   * ISO-8601 in UTC with {@code Z}, whole seconds, e.g. {@code 2024-06-30T23:59:59Z}: the same text
   * as {@link Instant#toString()} for years 1000..9999, several times faster.
   */
  static String iso(long epochSecond) {
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
    int s = (int) Math.floorMod(epochSecond, DAY);
    char[] c = new char[20];
    digits(c, 0, d.getYear(), 4);
    c[4] = '-';
    digits(c, 5, d.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, d.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, s / 3600, 2);
    c[13] = ':';
    digits(c, 14, s / 60 % 60, 2);
    c[16] = ':';
    digits(c, 17, s % 60, 2);
    c[19] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The end date itself (the last day with data). */
  LocalDate endDate() {
    return day(endExclusive - 1);
  }

  /** Start of the end date: horizons ending at or before it are fully observed. */
  long observedBefore() {
    return endExclusive - DAY;
  }

  boolean inDropWeek(long epochSecond) {
    long start = epoch(dropWeekStart);
    return epochSecond >= start && epochSecond < start + 7 * DAY;
  }
}
