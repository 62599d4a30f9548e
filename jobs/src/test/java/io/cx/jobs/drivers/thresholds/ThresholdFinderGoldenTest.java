package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The split ThresholdFinder picks equals the one computed with numpy by threshold_golden.py (in the
 * test resources beside its JSON output): candidate quantiles, threshold, means, counts, t.
 */
class ThresholdFinderGoldenTest {

  private static double[] doubles(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .mapToDouble(JsonNode::asDouble)
        .toArray();
  }

  @Test
  void matchesNumpy() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("threshold_golden.json")) {
      root = new ObjectMapper().readTree(in);
    }
    int cases = 0;
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asText();
      double[] x = doubles(c.get("x"));
      double[] y = doubles(c.get("y"));
      int minSide = c.get("min_side").asInt();

      double[] sorted = x.clone();
      Arrays.sort(sorted);
      double[] candidates =
          Arrays.stream(ThresholdFinder.candidateCuts(sorted, minSide))
              .mapToDouble(cut -> sorted[cut - 1])
              .toArray();
      assertArrayEquals(doubles(c.get("candidates")), candidates, name);

      ThresholdResult r =
          new ThresholdFinder().withMinSide(minSide).withPermutations(99).find(x, y);
      if (!c.get("found").asBoolean()) {
        assertEquals(
            ThresholdResult.Reason.NO_DROP,
            assertInstanceOf(ThresholdResult.None.class, r, name).reason());
      } else {
        ThresholdResult.Found f = assertInstanceOf(ThresholdResult.Found.class, r, name);
        assertEquals(c.get("threshold").asDouble(), f.threshold(), name);
        assertEquals(c.get("n_below").asInt(), f.nBelow(), name);
        assertEquals(c.get("n_above").asInt(), f.nAbove(), name);
        assertEquals(c.get("score_below").asDouble(), f.scoreBelow(), 1e-12, name);
        assertEquals(c.get("score_above").asDouble(), f.scoreAbove(), 1e-12, name);
        assertEquals(c.get("t_statistic").asDouble(), f.tStatistic(), 1e-9, name);
        assertEquals(candidates.length, f.candidates(), name);
      }
      cases++;
    }
    assertEquals(4, cases);
  }
}
