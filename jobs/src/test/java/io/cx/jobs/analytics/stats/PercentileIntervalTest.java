package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.testing.GoldenJson;
import org.junit.jupiter.api.Test;

class PercentileIntervalTest {

  @Test
  void matchesNumpyNanpercentile() {
    JsonNode g = Golden.root().get("percentile");
    double[] replicates = GoldenJson.vector(g.get("replicates"));
    PercentileInterval ci = PercentileInterval.of(replicates, g.get("level").asDouble());
    assertClose(g.get("low").asDouble(), ci.low(), "low");
    assertClose(g.get("high").asDouble(), ci.high(), "high");
    assertEquals(g.get("dropped").asInt(), ci.dropped());
    assertEquals(replicates.length - ci.dropped(), ci.used());
  }

  @Test
  void interpolatesBetweenOrderStatistics() {
    // 0..10 (shuffled): type-7 quantiles at 0.05 and 0.95 are 0.5 and 9.5.
    double[] v = {3, 7, 0, 10, 5, 1, 9, 2, 8, 4, 6};
    PercentileInterval ci = PercentileInterval.of(v, 0.9);
    assertEquals(0.5, ci.low(), 1e-12);
    assertEquals(9.5, ci.high(), 1e-12);
    assertTrue(ci.contains(0.5) && ci.contains(9.5) && !ci.contains(9.6));
  }

  @Test
  void allNaNGivesNaNInterval() {
    PercentileInterval ci = PercentileInterval.of(new double[] {Double.NaN, Double.NaN}, 0.95);
    assertTrue(Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
    assertEquals(2, ci.dropped());
    assertEquals(0, ci.used());
    assertFalse(ci.contains(0.0));
  }

  @Test
  void singleValueIsADegenerateInterval() {
    PercentileInterval ci = PercentileInterval.of(new double[] {0.3, Double.NaN}, 0.95);
    assertEquals(0.3, ci.low());
    assertEquals(0.3, ci.high());
  }

  @Test
  void rejectsLevelsOutsideTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> PercentileInterval.of(new double[1], 1.0));
    assertThrows(IllegalArgumentException.class, () -> PercentileInterval.of(new double[1], 95));
  }
}
