package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.analytics.stats.BenjaminiHochberg;
import io.cx.jobs.testing.GoldenJson;
import org.junit.jupiter.api.Test;

/**
 * The step-versus-trend statistic and the Benjamini-Hochberg q-values equal the ones computed with
 * numpy by tipping_golden.py (in the test resources beside its JSON output): the quadratic fitted
 * by least squares, the step by brute force over the candidates, q-values from their definition.
 */
class TippingPointsGoldenTest {
  private static final JsonNode GOLDEN =
      GoldenJson.load("/io/cx/jobs/drivers/thresholds/tipping_golden.json");

  @Test
  void stepVersusTrendStatisticMatchesNumpy() {
    int cases = 0;
    for (JsonNode c : GOLDEN.get("cases")) {
      String name = c.get("name").asText();
      SortedSample sample =
          SortedSample.of(GoldenJson.vector(c.get("x")), GoldenJson.vector(c.get("y")));
      int[] cuts = ThresholdFinder.candidateCuts(sample.xs(), c.get("min_side").asInt());
      StepVsTrend.Result r = StepVsTrend.test(sample, cuts, 99, 1);
      double expected = c.get("statistic").asDouble();
      double scale = c.get("step_ss").asDouble() + c.get("trend_ss").asDouble();
      assertEquals(expected, r.statistic(), 1e-10 * scale, name);
      if (name.equals("two_values")) {
        assertEquals(1.0, r.pValue(), name + ": a step is the trend with two values");
        assertEquals(0, r.permutations(), name);
      } else {
        assertEquals(99, r.permutations(), name);
      }
      cases++;
    }
    assertEquals(6, cases);
  }

  @Test
  void qValuesMatchNumpy() {
    int families = 0;
    for (JsonNode f : GOLDEN.get("bh")) {
      double[] q = BenjaminiHochberg.qValues(GoldenJson.vector(f.get("p")));
      double[] expected = GoldenJson.vector(f.get("q"));
      for (int i = 0; i < q.length; i++) {
        if (Double.isNaN(expected[i])) {
          assertEquals(Double.NaN, q[i], "family " + families + " [" + i + "]");
        } else {
          GoldenJson.assertClose(expected[i], q[i], 1e-12, "family " + families + " [" + i + "]");
        }
      }
      families++;
    }
    assertEquals(4, families);
  }
}
