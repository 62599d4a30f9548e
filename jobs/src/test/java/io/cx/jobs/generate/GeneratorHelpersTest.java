package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.journey.Agg;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's small building blocks: AUC, CSV text, timestamps, window metrics, randomness. */
class GeneratorHelpersTest {
  @Test
  void aucByMannWhitneyCountsTiesAsHalf() {
    boolean[] labels = {false, false, true, true};
    assertEquals(0.75, Auc.mannWhitney(new double[] {0.1, 0.4, 0.35, 0.8}, labels), 1e-12);
    assertEquals(1.0, Auc.mannWhitney(new double[] {0.1, 0.2, 0.3, 0.4}, labels), 1e-12);
    assertEquals(0.0, Auc.mannWhitney(new double[] {0.4, 0.3, 0.2, 0.1}, labels), 1e-12);
    assertEquals(0.5, Auc.mannWhitney(new double[] {0.5, 0.5, 0.5, 0.5}, labels), 1e-12);
    assertEquals(
        0.875, Auc.mannWhitney(new double[] {0.2, 0.5, 0.5, 0.9}, labels), 1e-12, "one tie");
    assertTrue(Double.isNaN(Auc.mannWhitney(new double[] {1, 2}, new boolean[] {true, true})));
  }

  @Test
  void csvQuotesOnlyWhenNeededAndWritesPlainNumbers() {
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",", Csv.line("a", "b,c", "say \"hi\"", ""));
    assertEquals("a,12,5,x", Csv.lineWithRaw(new String[] {"a", "1", "x"}, 1, "12,5"));
    assertEquals("0", Csv.number(0.0));
    assertEquals("12.5", Csv.number(12.5));
    assertEquals("12345678901", Csv.number(12345678901.0));
    assertEquals("0.0001", Csv.number(1e-4));
    assertEquals("", Csv.number(Double.NaN));
    assertEquals("1234.50", Csv.fixed2(1234.5));
  }

  @Test
  void isoTimestampsMatchInstantToString() {
    Rng rng = new Rng(3);
    for (int i = 0; i < 10_000; i++) {
      long t = rng.below(4_000_000_000L);
      assertEquals(Instant.ofEpochSecond(t).toString(), TimeFrame.iso(t));
    }
  }

  @Test
  void theTimeFrameIsAnchoredOnTheEndDate() {
    TimeFrame f = TimeFrame.of(LocalDate.of(2024, 6, 30), 180, 30);
    assertEquals("2024-01-03T00:00:00Z", TimeFrame.iso(f.surveyStart()));
    assertEquals("2023-12-04T00:00:00Z", TimeFrame.iso(f.eventStart()));
    assertEquals("2024-07-01T00:00:00Z", TimeFrame.iso(f.endExclusive()));
    assertEquals(LocalDate.of(2024, 6, 10), f.dropWeekStart());
    TimeFrame wednesday = TimeFrame.of(LocalDate.of(2024, 7, 3), 180, 30);
    assertEquals(DayOfWeek.MONDAY, wednesday.dropWeekStart().getDayOfWeek());
    assertEquals(LocalDate.of(2024, 6, 10), wednesday.dropWeekStart());
  }

  @Test
  void windowAggregatesFollowTheJourneyMapRules() {
    double[] v = {5, 1, 3, 2, 4};
    assertEquals(4.6, WindowMetrics.aggregate(Agg.parse("p90"), v.clone(), 5), 1e-12);
    assertEquals(5.0, WindowMetrics.aggregate(Agg.parse("max"), v.clone(), 5));
    assertEquals(3.0, WindowMetrics.aggregate(Agg.parse("avg"), v.clone(), 5));
    assertEquals(7.0, WindowMetrics.aggregate(Agg.parse("count"), new double[0], 7));
    assertEquals(0.0, WindowMetrics.aggregate(Agg.parse("exists"), new double[0], 0));
    assertNull(WindowMetrics.aggregate(Agg.parse("max"), new double[0], 2));
  }

  @Test
  void theRandomStreamIsFixedBySeed() {
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    assertEquals(0xBDD732262FEB6E95L, new Rng(42).nextLong(), "SplitMix64 of 42");
    Rng r = new Rng(1);
    double sum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      sum += r.poisson(2.5);
    }
    assertEquals(2.5, sum / n, 0.05);
  }

  @Test
  void linesAreInsertedBeforeTheirPositionInOrder() {
    List<String> mixed =
        LineMixer.mix(
            List.of("a", "b"),
            List.of(
                new LineMixer.Insert(2, "z"),
                new LineMixer.Insert(0, "x"),
                new LineMixer.Insert(0, "y")));
    assertEquals(List.of("x", "y", "a", "b", "z"), mixed);
  }

  @Test
  void aJourneyMapThatDoesNotFitThePlantedModelIsRefused() {
    String text = JourneyResource.text();
    assertEquals("online_retail", JourneyResource.load(text).id());
    IllegalStateException agg =
        assertThrows(
            IllegalStateException.class,
            () -> JourneyResource.load(text.replace("agg: max", "agg: avg")));
    assertTrue(agg.getMessage().contains("metric 'delivery_delay_hours' with agg max"));
    IllegalStateException churn =
        assertThrows(
            IllegalStateException.class,
            () -> JourneyResource.load(text.replace("inactive_days: 60", "inactive_days: 15")));
    assertTrue(churn.getMessage().contains("inactive_days between 21 and horizon_days - 30"));
  }
}
