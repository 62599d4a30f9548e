package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.jobs.cli.CliTest.Run;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code cx run}'s dates: every misuse is a usage error (exit 2) with its exact message, found
 * before the config is read (the config named here does not exist) or Spark starts; and the plan of
 * a range.
 */
class RunCommandOptionsTest {
  static final String NO_CONFIG = "/nonexistent/cx.yaml";

  private static void assertUsage(String problem, String... args) {
    Run r = CliTest.cx(args);
    assertEquals(2, r.code(), r.err());
    assertEquals("cx: bad config:\n  cx run: " + problem + "\n", r.err());
  }

  @Test
  void aDateOrARangeIsRequired() {
    assertUsage(
        "--date: is missing; give the logical date (--date YYYY-MM-DD) or a range of dates"
            + " (--from YYYY-MM-DD --to YYYY-MM-DD)",
        "run",
        "--config",
        NO_CONFIG);
  }

  @Test
  void aDateAndARangeAreExclusive() {
    assertUsage(
        "--date: give either --date or --from/--to, not both",
        "run",
        "--config",
        NO_CONFIG,
        "--date",
        "2024-06-01",
        "--from",
        "2024-06-01",
        "--to",
        "2024-06-02");
  }

  @Test
  void aRangeNeedsBothEnds() {
    assertUsage(
        "--to: is missing; a range needs --from and --to (both included)",
        "run",
        "--config",
        NO_CONFIG,
        "--from",
        "2024-06-01");
    assertUsage(
        "--from: is missing; a range needs --from and --to (both included)",
        "run",
        "--config",
        NO_CONFIG,
        "--to",
        "2024-06-01");
  }

  @Test
  void aRangeRunsForward() {
    assertUsage(
        "--from: 2024-06-10 is after --to 2024-06-01; a range runs forward, so give --from <= --to",
        "run",
        "--config",
        NO_CONFIG,
        "--from",
        "2024-06-10",
        "--to",
        "2024-06-01");
  }

  @Test
  void forceIsForRanges() {
    assertUsage(
        "--force: only applies to a range (--from/--to); a single --date always runs",
        "run",
        "--config",
        NO_CONFIG,
        "--date",
        "2024-06-01",
        "--force");
  }

  @Test
  void aBadDateIsAUsageErrorNamingTheOption() {
    Run r = CliTest.cx("run", "--config", NO_CONFIG, "--from", "2024-02-30", "--to", "2024-03-01");
    assertEquals(2, r.code(), r.err());
    assertEquals(
        "Invalid value for option '--from': cannot convert '2024-02-30' to class java.time.LocalDate"
            + " (java.time.format.DateTimeParseException: Text '2024-02-30' could not be parsed:"
            + " Invalid date 'FEBRUARY 30')",
        r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void aRangeSkipsOnlyTheDatesDoneBeforeTheFirstOneNotDone() {
    LocalDate d1 = LocalDate.of(2024, 6, 1);
    List<LocalDate> all = List.of(d1, d1.plusDays(1), d1.plusDays(2), d1.plusDays(3));
    Set<LocalDate> done = Set.of(d1, d1.plusDays(1), d1.plusDays(3));
    assertEquals(
        new Backfill.Plan(all.subList(0, 2), all.subList(2, 4)),
        Backfill.plan(d1, d1.plusDays(3), done, false));
    assertEquals(new Backfill.Plan(List.of(), all), Backfill.plan(d1, d1.plusDays(3), done, true));
    assertEquals(
        new Backfill.Plan(all, List.of()),
        Backfill.plan(d1, d1.plusDays(3), Set.copyOf(all), false));
  }

  @Test
  void datesAreListedAsRanges() {
    LocalDate d = LocalDate.of(2024, 2, 28);
    assertEquals("none", DateRanges.format(List.of()));
    assertEquals("2024-02-28 (1 date)", DateRanges.format(List.of(d)));
    assertEquals(
        "2024-02-28..2024-03-01, 2024-03-03 (4 dates)",
        DateRanges.format(List.of(d, d.plusDays(1), d.plusDays(2), d.plusDays(4))));
  }
}
