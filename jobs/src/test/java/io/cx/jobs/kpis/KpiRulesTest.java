package io.cx.jobs.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.config.KpiOptions;
import io.cx.common.error.BadConfigException;
import io.cx.common.error.InputRejectedException;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which answers feed which cell, the benchmark matching rules and the kpis config keys. */
class KpiRulesTest {
  static final JourneyMap J = KpiFixtures.journey("UTC");

  @Test
  void whichAnswersFeedWhichCell() {
    List<String> feeds =
        KpiFeeds.of(J).stream()
            .map(
                f ->
                    f.questionId()
                        + " -> "
                        + f.metric().id()
                        + " "
                        + f.stage()
                        + "/"
                        + f.touchpoint())
            .toList();
    assertEquals(
        List.of(
            "q_checkout -> csat purchase/checkout",
            "q_checkout -> csat purchase/ALL",
            "q_checkout -> top2box purchase/checkout",
            "q_checkout -> top2box purchase/ALL",
            "q_delivery -> csat delivery/delivery",
            "q_delivery -> csat delivery/ALL",
            "q_delivery -> top2box delivery/delivery",
            "q_delivery -> top2box delivery/ALL",
            "q_returns -> csat delivery/returns",
            "q_returns -> csat delivery/ALL",
            "q_returns -> top2box delivery/returns",
            "q_returns -> top2box delivery/ALL",
            "q_overall -> csat ALL/ALL",
            "q_overall -> top2box ALL/ALL",
            "q_nps -> nps ALL/ALL",
            "q_effort -> ces ALL/ALL"),
        feeds);
  }

  @Test
  void journeyLevelCesQuestionsOnDifferentScalesNeedAnEffortOutcome() {
    String yaml =
        KpiFixtures.journeyYaml("UTC")
            .replace("effort: q_effort}", "}")
            .replace(
                "q_effort:   {kind: ces, scale: [1, 7]}",
                "q_effort:   {kind: ces, scale: [1, 7]}\n  q_effort5:  {kind: ces, scale: [1, 5]}");
    JourneyMap two = KpiFixtures.parse(yaml);
    BadConfigException e = assertThrows(BadConfigException.class, () -> KpiFeeds.of(two));
    assertEquals(
        "kpi.yaml: outcomes.effort: the journey-level ces questions q_effort, q_effort5 use different"
            + " scales [[1, 5], [1, 7]], so their raw scores cannot make one CES; name the question the"
            + " ces KPI reports with outcomes: {effort: <question id>}",
        e.getMessage());
    // Without an effort outcome, a single journey-level ces question is the CES.
    JourneyMap one =
        KpiFixtures.parse(KpiFixtures.journeyYaml("UTC").replace("effort: q_effort}", "}"));
    assertTrue(KpiFeeds.of(one).stream().anyMatch(f -> f.questionId().equals("q_effort")));
  }

  static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  @Test
  void benchmarksMatchTouchpointsStagesOrTheJourney() {
    Benchmarks.Resolution r =
        Benchmarks.resolve(
            List.of(
                row("returns", null, "CSAT", null, "0.8", "A"),
                row("returns", "purchase", "csat", null, "0.8", "A"),
                row(null, "delivery", "top2box", "business", "0.5", null),
                row("ALL", "ALL", "ces", "", "5.5", "B"),
                row(null, null, "effort", null, "5.5", "B")),
            List.of(J));
    assertEquals(
        List.of(
            new Benchmarks.Benchmark("kpi", "delivery", "returns", "ALL", "csat", 0.8, "A"),
            new Benchmarks.Benchmark("kpi", "delivery", "ALL", "business", "top2box", 0.5, null),
            new Benchmarks.Benchmark("kpi", "ALL", "ALL", "ALL", "ces", 5.5, "B")),
        r.used());
    assertEquals(
        "benchmarks: 5 rows read, 3 cells benchmarked; ignored: metric 'effort' is not csat, top2box,"
            + " nps or ces (1); touchpoint 'returns' is not a touchpoint of the journeys in stage"
            + " 'purchase' (1).",
        r.note());
    InputRejectedException twice =
        assertThrows(
            InputRejectedException.class,
            () ->
                Benchmarks.resolve(
                    List.of(
                        row(null, null, "nps", null, "30", "A"),
                        row("ALL", null, "nps", "ALL", "31", "B")),
                    List.of(J)));
    assertEquals(
        "benchmarks: two rows for journey kpi, stage ALL, touchpoint ALL, segment ALL, metric nps"
            + " (sources A and B); keep one row per cell",
        twice.getMessage());
  }

  @Test
  void recomputeAndBenchmarksAreConfigKeys(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    JobConfig cfg = ws.load();
    assertEquals(KpiOptions.Recompute.INCREMENTAL, cfg.kpis().recompute());
    assertNull(cfg.benchmarks());
    assertEquals(KpiOptions.Recompute.FULL, ws.load("kpis.recompute=full").kpis().recompute());
    BadConfigException bad =
        assertThrows(BadConfigException.class, () -> ws.load("kpis.recompute=everything"));
    assertTrue(
        bad.getMessage()
            .endsWith(
                "kpis.recompute: 'everything' is not a recompute mode; use incremental (the periods"
                    + " whose answers changed since the last successful kpis run, the default) or full"
                    + " (every period up to the run date)"),
        bad.getMessage());
    ws.configLine("inputs:");
    ws.configLine("  surveys: {path: s/*.csv}");
    ws.configLine("  events: {path: e/*.csv}");
    ws.configLine("  benchmarks: {path: ref/benchmarks.parquet}");
    JobConfig withBenchmarks = ws.load();
    assertEquals(InputSpec.Format.PARQUET, withBenchmarks.benchmarks().format());
    assertEquals("ref/benchmarks.parquet", withBenchmarks.benchmarks().path());
  }
}
