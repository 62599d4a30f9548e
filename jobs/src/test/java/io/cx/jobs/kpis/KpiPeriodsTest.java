package io.cx.jobs.kpis;

import static io.cx.jobs.kpis.KpiFixtures.Answer.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Days, ISO weeks and months are cut on the journey's local calendar, not in UTC, and a run for D
 * reads nothing after the end of D there.
 */
class KpiPeriodsTest {
  /**
   * Instants around the weekend of 29-30 June 2024 (New York is UTC-4 in summer), each ingested on
   * its local day.
   */
  static final List<Answer> ANSWERS =
      List.of(
          // Saturday 29 June, 23:30 in New York.
          of("a", "c1", "2024-06-30T03:30:00Z", "q_overall", 5, "app").ingestedOn("2024-06-29"),
          // Sunday 30 June, 23:30 in New York; already Monday 1 July in UTC.
          of("b", "c1", "2024-07-01T03:30:00Z", "q_overall", 4, "app").ingestedOn("2024-06-30"),
          // Monday 1 July, 00:30 in New York.
          of("c", "c1", "2024-07-01T04:30:00Z", "q_overall", 3, "app"),
          // Sunday 7 July, 23:59 in New York; Monday 8 July in UTC.
          of("d", "c1", "2024-07-08T03:59:00Z", "q_overall", 2, "app").ingestedOn("2024-07-07"));

  /** period -> n of the journey-level csat, ALL segments and channels. */
  static Map<String, Long> periods(String zone, LocalDate runDate) {
    JourneyMap j = KpiFixtures.journey(zone);
    KpiOptions options = KpiFixtures.options(1, 2, KpiOptions.Recompute.FULL);
    Map<String, Long> out = new TreeMap<>();
    for (Row r :
        KpiFixtures.compute(j, KpiFixtures.answers(j, ANSWERS), null, runDate, options)
            .where("metric = 'csat' AND segment = 'ALL' AND channel = 'ALL'")
            .collectAsList()) {
      out.put(
          r.getAs(Cols.PERIOD_GRAIN)
              + " "
              + r.getAs(Cols.PERIOD_START)
              + (r.<Boolean>getAs(Cols.COMPLETE) ? "" : " (to date)"),
          r.getAs(Cols.N));
    }
    return out;
  }

  @Test
  void weeksAndMonthsFollowTheJourneysLocalCalendar() {
    assertEquals(
        Map.of(
            "day 2024-06-29", 1L,
            "day 2024-06-30", 1L,
            "day 2024-07-01", 1L,
            "day 2024-07-07", 1L,
            "week 2024-06-24", 2L,
            "week 2024-07-01", 2L,
            "month 2024-06-01", 2L,
            "month 2024-07-01 (to date)", 2L),
        periods("America/New_York", LocalDate.of(2024, 7, 7)));
  }

  @Test
  void inUtcTheSameInstantsFallIntoOtherPeriods() {
    assertEquals(
        Map.of(
            "day 2024-06-30", 1L,
            "day 2024-07-01", 2L,
            "week 2024-06-24", 1L,
            "week 2024-07-01", 2L,
            "month 2024-06-01", 1L,
            "month 2024-07-01 (to date)", 2L),
        periods("UTC", LocalDate.of(2024, 7, 7)));
  }

  @Test
  void aRunReadsNothingAfterTheEndOfItsDateInTheJourneysZone() {
    // Run for Sunday 30 June in New York: b (23:30 local) counts, c (Monday 00:30) does not.
    assertEquals(
        Map.of(
            "day 2024-06-29", 1L,
            "day 2024-06-30", 1L,
            "week 2024-06-24", 2L,
            "month 2024-06-01", 2L),
        periods("America/New_York", LocalDate.of(2024, 6, 30)));
  }

  @Test
  void thePlanReadsEnoughHistoryForEveryNorm() {
    // Wednesday 3 July 2024, six norm periods: days from 27 June, weeks from Monday 20 May,
    // months from 1 January: the earliest is what must be read.
    KpiOptions six = KpiFixtures.options(30, 6, KpiOptions.Recompute.INCREMENTAL);
    PeriodPlan plan = PeriodPlan.of(LocalDate.of(2024, 7, 3), six, List.of("a"));
    assertEquals(LocalDate.of(2024, 1, 1), plan.readFrom("a"));
    assertEquals(
        Periods.containing(LocalDate.of(2024, 7, 3), List.of(Grain.values())).chosen(),
        Map.of(
            Grain.DAY,
            new TreeSet<>(List.of(LocalDate.of(2024, 7, 3))),
            Grain.WEEK,
            new TreeSet<>(List.of(LocalDate.of(2024, 7, 1))),
            Grain.MONTH,
            new TreeSet<>(List.of(LocalDate.of(2024, 7, 1)))));
    assertEquals(
        plan.journeys().get("a"), Periods.containing(LocalDate.of(2024, 7, 3), plan.grains()));
    PeriodPlan days =
        PeriodPlan.of(
            LocalDate.of(2024, 7, 3),
            KpiFixtures.options(30, 6, KpiOptions.Recompute.INCREMENTAL, "day", "week"),
            List.of("b", "a"));
    assertEquals(LocalDate.of(2024, 5, 20), days.readFrom("a"));
    assertEquals(
        "(journey = 'b' AND ((period_grain = 'day' AND period_start IN (DATE'2024-07-03'))"
            + " OR (period_grain = 'week' AND period_start IN (DATE'2024-07-01'))))"
            + " OR (journey = 'a' AND ((period_grain = 'day' AND period_start IN (DATE'2024-07-03'))"
            + " OR (period_grain = 'week' AND period_start IN (DATE'2024-07-01'))))",
        days.replacePredicate());
    PeriodPlan full =
        PeriodPlan.of(
            LocalDate.of(2024, 7, 3), six.withRecompute(KpiOptions.Recompute.FULL), List.of("a"));
    assertEquals(null, full.readFrom("a"));
    assertEquals(
        "(journey = 'a' AND period_grain IN ('day', 'week', 'month') AND period_start <= DATE'2024-07-03')",
        full.replacePredicate());
  }

  @Test
  void chosenPeriodsReadTheirNormWindowsOnlyAndExtendToThePeriodsTheirNormsFeed() {
    // A late answer for Wednesday 14 February, run on Wednesday 3 July, one norm period.
    LocalDate run = LocalDate.of(2024, 7, 3);
    KpiOptions one = KpiFixtures.options(30, 1, KpiOptions.Recompute.INCREMENTAL);
    Periods late =
        Periods.containing(List.of(LocalDate.of(2024, 2, 14)), List.of(Grain.values()))
            .withNormsAfter(1, run)
            .plus(Periods.containing(run, List.of(Grain.values())));
    assertEquals(List.of("2024-02-14", "2024-02-15", "2024-07-03"), strings(late, Grain.DAY));
    assertEquals(List.of("2024-02-12", "2024-02-19", "2024-07-01"), strings(late, Grain.WEEK));
    assertEquals(List.of("2024-02-01", "2024-03-01", "2024-07-01"), strings(late, Grain.MONTH));
    // Months from January (one before February) to the end of March, and June to 3 July; the day
    // and week windows lie inside them.
    PeriodPlan plan = PeriodPlan.of(run, one, Map.of("a", late));
    assertEquals(
        List.of("2024-01-01..2024-03-31", "2024-06-01..2024-07-03"),
        plan.readDays("a").stream().map(r -> r[0] + ".." + r[1]).toList());
    assertEquals(
        "days 2024-02-14, 2024-02-15, 2024-07-03; weeks 2024-02-12, 2024-02-19, 2024-07-01;"
            + " months 2024-02-01, 2024-03-01, 2024-07-01",
        plan.describe());
    // Periods after the run date are not added.
    assertEquals(
        List.of("2024-07-01"),
        strings(Periods.containing(run, List.of(Grain.MONTH)).withNormsAfter(3, run), Grain.MONTH));
  }

  private static List<String> strings(Periods p, Grain g) {
    return p.starts(g).stream().map(LocalDate::toString).toList();
  }

  @Test
  void grainsKnowTheirPeriods() {
    LocalDate sunday = LocalDate.of(2024, 6, 30);
    assertEquals(LocalDate.of(2024, 6, 24), Grain.WEEK.start(sunday));
    assertEquals(LocalDate.of(2024, 7, 1), Grain.WEEK.start(LocalDate.of(2024, 7, 1)));
    assertEquals(LocalDate.of(2024, 6, 30), Grain.WEEK.last(LocalDate.of(2024, 6, 24)));
    assertEquals(LocalDate.of(2024, 2, 29), Grain.MONTH.last(LocalDate.of(2024, 2, 1)));
    // ISO week 1 of 2025 starts on Monday 30 December 2024.
    assertEquals(LocalDate.of(2024, 12, 30), Grain.WEEK.start(LocalDate.of(2025, 1, 1)));
  }
}
