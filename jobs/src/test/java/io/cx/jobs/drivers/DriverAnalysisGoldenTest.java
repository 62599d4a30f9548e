package io.cx.jobs.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver transform end to end on the golden data set ({@code
 * src/test/resources/drivers/driver_job_golden.py}: 690 journey_features rows, three segments, four
 * touchpoints with missing answers, survey weights), against values numpy computed from the raw
 * rows.
 */
class DriverAnalysisGoldenTest {
  private static final double RELATIVE = 1e-9;
  private static final List<String> SEGMENTS = List.of(Cols.ALL, "consumer", "smb");
  private static final List<String> TARGETS = List.of("satisfaction", "recommend");

  private static DriverAnalysis.Result result;
  private static List<Map<String, Object>> rows;

  @BeforeAll
  static void run() {
    result =
        DriverAnalysis.run(
            DriverTestData.goldenFeatures(),
            List.of(DriverTestData.shop()),
            DriverTestData.options(200),
            DriverTestData.RUN_ID,
            DriverTestData.RUN_DATE);
    rows = DriverTestData.maps(result.importance());
  }

  private static JsonNode expected(String target, String segment) {
    return DriverTestData.golden().get("expected").get(target).get(segment);
  }

  private static Map<String, Object> row(
      String target, String segment, String method, String driver) {
    List<Map<String, Object>> found =
        rows.stream()
            .filter(
                r ->
                    r.get(Cols.TARGET).equals(target)
                        && r.get(Cols.SEGMENT).equals(segment)
                        && r.get(Cols.METHOD).equals(method)
                        && Objects.equals(r.get(Cols.DRIVER), driver))
            .toList();
    assertEquals(1, found.size(), target + "/" + segment + "/" + method + "/" + driver);
    return found.get(0);
  }

  private static void assertClose(double expected, Object actual, String what) {
    assertNotNull(actual, what);
    double a = (Double) actual;
    assertTrue(
        Math.abs(expected - a) <= Math.max(RELATIVE * Math.abs(expected), 1e-12),
        () -> what + ": expected " + expected + " but was " + a);
  }

  @Test
  void writesTheContractSchema() {
    assertEquals(Schemas.DRIVER_IMPORTANCE, result.importance().schema());
    assertEquals(Schemas.METRIC_THRESHOLDS, result.thresholds().schema());
  }

  @Test
  void lmgAndRelativeWeightsMatchNumpyFromTheRawRows() {
    List<String> tps = List.of("checkout", "payment", "delivery", "support");
    for (String target : TARGETS) {
      for (String segment : SEGMENTS) {
        JsonNode e = expected(target, segment);
        for (int a = 0; a < tps.size(); a++) {
          String where = target + "/" + segment + "/" + tps.get(a);
          Map<String, Object> lmg = row(target, segment, "lmg", tps.get(a));
          Map<String, Object> rw = row(target, segment, "relative_weight", tps.get(a));
          assertClose(e.get("lmg").get(a).asDouble(), lmg.get(Cols.IMPORTANCE), where + " lmg");
          assertClose(e.get("lmg_share").get(a).asDouble(), lmg.get(Cols.SHARE), where + " share");
          assertClose(e.get("r2").asDouble(), lmg.get(Cols.R_SQUARED), where + " r2");
          assertClose(e.get("rw").get(a).asDouble(), rw.get(Cols.IMPORTANCE), where + " rw");
          assertClose(e.get("rw_share").get(a).asDouble(), rw.get(Cols.SHARE), where + " rw share");
          for (Map<String, Object> r : List.of(lmg, rw)) {
            assertEquals("touchpoint", r.get(Cols.DRIVER_KIND));
            assertEquals(e.get("n").asLong(), r.get(Cols.N), where);
            assertEquals(e.get("n_driver").get(a).asLong(), r.get(Cols.N_DRIVER), where);
            assertEquals(e.get("direction").get(a).asInt(), r.get(Cols.DIRECTION), where);
            assertClose(
                e.get("performance").get(a).asDouble(), r.get(Cols.PERFORMANCE), where + " perf");
            JsonNode kano = e.get("kano").get(a);
            assertEquals(
                kano.isNull() ? null : kano.asText(), r.get(Cols.KANO_CLASS), where + " kano");
            assertEquals(
                kano.isNull() ? "insufficient" : "classified",
                r.get(Cols.KANO_STATUS),
                where + " kano status");
            assertEquals("estimated", r.get(Cols.STATUS), where);
            assertEquals(true, r.get(Cols.EXACT), where);
            assertNull(r.get(Cols.SHARE_MC_SE), where + ": exact shares have no MC error");
          }
          assertEquals(
              e.get("quadrant_lmg").get(a).asText(), lmg.get(Cols.QUADRANT), where + " quadrant");
          assertEquals(
              e.get("quadrant_rw").get(a).asText(), rw.get(Cols.QUADRANT), where + " quadrant");
        }
      }
    }
  }

  @Test
  void aSegmentBelowMinNSegmentIsOneRowSayingWhyAndIsNamedInTheNote() {
    for (String target : TARGETS) {
      Map<String, Object> r = row(target, "tiny", "none", null);
      assertEquals(expected(target, "tiny").get("n").asLong(), r.get(Cols.N));
      assertEquals("segment_too_small", r.get(Cols.STATUS));
      assertTrue(((String) r.get(Cols.NOTE)).contains("below drivers.min_n_segment = 50"));
      assertNull(r.get(Cols.IMPORTANCE));
      assertNull(r.get(Cols.DRIVER_KIND));
      assertEquals(
          1,
          rows.stream()
              .filter(x -> x.get(Cols.SEGMENT).equals("tiny") && x.get(Cols.TARGET).equals(target))
              .count());
    }
    String notes = String.join(" ", result.notes());
    assertTrue(
        notes.contains("drivers shop satisfaction: ALL and 2 of 3 segments estimated"), notes);
    assertTrue(notes.contains("tiny (segment_too_small, n=27)"), notes);
  }

  @Test
  void sharesSumToOnePerTargetSegmentAndMethod() {
    Map<String, double[]> sums = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      if (r.get(Cols.SHARE) != null) {
        String key = r.get(Cols.TARGET) + "/" + r.get(Cols.SEGMENT) + "/" + r.get(Cols.METHOD);
        sums.computeIfAbsent(key, k -> new double[1])[0] += (Double) r.get(Cols.SHARE);
      }
    }
    assertEquals(2 * 3 * 3, sums.size(), sums.keySet().toString());
    sums.forEach((k, v) -> assertEquals(1.0, v[0], 1e-12, k));
  }

  @Test
  void bootstrapIntervalsContainTheEstimateAndRestOnEveryReplicate() {
    long checked = 0;
    for (Map<String, Object> r : rows) {
      if (r.get(Cols.METHOD).equals("lmg") || r.get(Cols.METHOD).equals("relative_weight")) {
        double share = (Double) r.get(Cols.SHARE);
        double low = (Double) r.get(Cols.CI_LOW);
        double high = (Double) r.get(Cols.CI_HIGH);
        assertTrue(low <= share && share <= high, r.toString());
        assertTrue(high - low > 0.005 && high - low < 0.6, r.toString());
        assertEquals(200, r.get(Cols.CI_REPLICATES));
        checked++;
      }
    }
    assertEquals(2 * 3 * 2 * 4, checked);
  }

  @Test
  void splittingSegmentsIntoChunksChangesNothingButRounding() {
    DriverAnalysis.Result split =
        DriverAnalysis.run(
            DriverTestData.goldenFeatures(),
            List.of(DriverTestData.shop()),
            DriverTestData.options(200, DriverOptions.LMG, DriverOptions.RELATIVE_WEIGHT),
            DriverTestData.RUN_ID,
            DriverTestData.RUN_DATE,
            64);
    List<Map<String, Object>> again = DriverTestData.maps(split.importance());
    assertEquals(2 * 4 * (2 * 3) + 2, again.size());
    for (Map<String, Object> r : again) {
      if (r.get(Cols.DRIVER) == null) {
        continue;
      }
      Map<String, Object> first =
          row(
              (String) r.get(Cols.TARGET),
              (String) r.get(Cols.SEGMENT),
              (String) r.get(Cols.METHOD),
              (String) r.get(Cols.DRIVER));
      for (String c : List.of(Cols.IMPORTANCE, Cols.SHARE, Cols.CI_LOW, Cols.CI_HIGH)) {
        assertClose((Double) first.get(c), r.get(c), r + " " + c);
      }
      assertEquals(first.get(Cols.KANO_CLASS), r.get(Cols.KANO_CLASS));
    }
  }

  @Test
  void shapRowsCoverTouchpointsAndMetricsWithFactsFromThePass() {
    for (String target : TARGETS) {
      for (String segment : SEGMENTS) {
        Map<String, Object> m = row(target, segment, "shap_gbt", "delay_hours");
        assertEquals("metric", m.get(Cols.DRIVER_KIND));
        assertNull(m.get(Cols.PERFORMANCE));
        assertNull(m.get(Cols.QUADRANT));
        assertNull(m.get(Cols.CI_LOW));
        Map<String, Object> t = row(target, segment, "shap_gbt", "checkout");
        Map<String, Object> l = row(target, segment, "lmg", "checkout");
        assertEquals(l.get(Cols.PERFORMANCE), t.get(Cols.PERFORMANCE));
        assertEquals(l.get(Cols.KANO_CLASS), t.get(Cols.KANO_CLASS));
        assertEquals(l.get(Cols.N), t.get(Cols.N));
        assertTrue((Double) t.get(Cols.IMPORTANCE) > 0);
      }
    }
  }
}
