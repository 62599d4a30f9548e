package io.cx.jobs.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cell of a three-week sample against an independent numpy computation
 * (src/test/resources/kpis/golden.py, output golden.json): values, n, Kish's n_effective, margins
 * of error, suppression, norms, p-values, Benjamini-Hochberg q-values, alerts, completeness, with
 * and without survey weights.
 */
class KpiGoldenTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 19);
  static final double TOLERANCE = 1e-9;
  private static JsonNode golden;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = KpiGoldenTest.class.getResourceAsStream("/kpis/golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void unweightedCellsMatchNumpy() {
    check("unweighted", false);
  }

  @Test
  void weightedCellsMatchNumpy() {
    check("weighted", true);
  }

  private void check(String scenario, boolean weighted) {
    JourneyMap j = KpiFixtures.journey("UTC");
    KpiOptions options = KpiFixtures.options(3, 2, KpiOptions.Recompute.FULL);
    List<Row> rows =
        KpiFixtures.compute(
                j,
                KpiFixtures.answers(j, KpiFixtures.answersCsv(weighted)),
                KpiFixtures.customersCsv(),
                RUN,
                options)
            .collectAsList();
    Map<String, Row> actual = new TreeMap<>();
    for (Row r : rows) {
      boolean written =
          !r.getAs(Cols.PERIOD_GRAIN).equals("day")
              || (r.getAs(Cols.SEGMENT).equals(Cols.ALL) && r.getAs(Cols.CHANNEL).equals(Cols.ALL));
      if (written) {
        actual.put(KpiFixtures.key(r), r);
      }
      assertEquals("kpi", r.getAs(Cols.JOURNEY));
      assertEquals(java.sql.Date.valueOf(RUN), r.getAs(Cols.RUN_DATE));
    }
    List<String> columns = new ArrayList<>();
    golden.get("columns").forEach(c -> columns.add(c.asText()));
    Map<String, JsonNode> expected = new TreeMap<>();
    for (JsonNode g : golden.get(scenario)) {
      expected.put(
          String.join(
              "/",
              g.get(0).asText(),
              g.get(1).asText(),
              g.get(6).asText(),
              g.get(2).asText(),
              g.get(3).asText(),
              g.get(4).asText(),
              g.get(5).asText()),
          g);
    }
    assertEquals(expected.keySet(), actual.keySet(), "the cells");
    int alerts = 0;
    for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
      Row r = actual.get(e.getKey());
      for (int i = 7; i < columns.size(); i++) {
        String c = columns.get(i);
        JsonNode want = e.getValue().get(i);
        Object got = r.getAs(c);
        String where = scenario + " " + e.getKey() + " " + c;
        if (want.isNull()) {
          assertEquals(null, got, where);
        } else if (want.isBoolean()) {
          assertEquals(want.asBoolean(), got, where);
        } else if (c.equals(Cols.N) || c.equals(Cols.NORM_N)) {
          assertEquals(want.asLong(), ((Number) got).longValue(), where);
        } else {
          double w = want.asDouble();
          assertTrue(got != null, where + " is null, expected " + w);
          assertEquals(w, (Double) got, TOLERANCE * Math.max(1, Math.abs(w)), where);
        }
      }
      alerts += Boolean.TRUE.equals(r.getAs(Cols.ALERT)) ? 1 : 0;
    }
    // The sample is noise around fixed distributions: few alerts, and golden.py agrees on them.
    assertTrue(alerts <= 3, scenario + " alerts: " + alerts);
  }
}
