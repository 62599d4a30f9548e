package io.cx.jobs.kpis;

import static io.cx.jobs.kpis.KpiFixtures.Answer.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Weighted csat, top2box and nps when the weights go with the scores: margins of error, norms and
 * p-values from the linearization variance against an independent numpy computation
 * (src/test/resources/kpis/taylor_golden.py, output taylor_golden.json, data taylor_answers.csv),
 * and suppression on Kish's effective n rather than the raw count.
 */
class KpiTaylorVarianceTest {
  static final JourneyMap J = KpiFixtures.journey("UTC");
  static final LocalDate RUN = LocalDate.of(2024, 6, 11);
  static final double TOLERANCE = 1e-9;

  private static Map<String, Row> run(List<Answer> answers, int minN) {
    KpiOptions options = KpiFixtures.options(minN, 1, KpiOptions.Recompute.FULL, "day");
    Map<String, Row> out = new HashMap<>();
    for (Row r :
        KpiFixtures.compute(J, KpiFixtures.answers(J, answers), null, RUN, options)
            .collectAsList()) {
      out.put(KpiFixtures.key(r), r);
    }
    return out;
  }

  private static JsonNode golden() throws IOException {
    try (InputStream in =
        KpiTaylorVarianceTest.class.getResourceAsStream("/kpis/taylor_golden.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void weightedMarginsNormsAndPValuesMatchNumpy() throws IOException {
    Map<String, Row> rows = run(KpiFixtures.answersCsv("taylor_answers.csv", true), 5);
    int checked = 0;
    for (JsonNode g : golden()) {
      String key =
          "day/"
              + RUN
              + "/"
              + g.get("metric").asText()
              + "/ALL/ALL/ALL/"
              + g.get("channel").asText();
      Row r = rows.get(key);
      assertNotNull(r, key);
      assertEquals(g.get("n").asLong(), (long) r.getAs(Cols.N), key + " n");
      assertEquals(g.get("norm_n").asLong(), (long) r.getAs(Cols.NORM_N), key + " norm_n");
      assertEquals(g.get("suppressed").asBoolean(), r.getAs(Cols.SUPPRESSED), key + " suppressed");
      for (String c : List.of(Cols.N_EFFECTIVE, Cols.VALUE, Cols.MOE, Cols.NORM, Cols.P_VALUE)) {
        JsonNode want = g.get(c);
        Double got = r.getAs(c);
        if (want.isNull()) {
          assertNull(got, key + " " + c);
        } else {
          assertNotNull(got, key + " " + c);
          assertEquals(
              want.asDouble(),
              got,
              TOLERANCE * Math.max(1, Math.abs(want.asDouble())),
              key + " " + c);
        }
      }
      checked++;
    }
    assertEquals(12, checked);
    // The data tell the two formulas apart: with over-weighted passives Kish's margin of error of
    // the weighted NPS is 1.67 times the linearized one.
    JsonNode nps = null;
    for (JsonNode g : golden()) {
      if (g.get("metric").asText().equals("nps") && g.get("channel").asText().equals(Cols.ALL)) {
        nps = g;
      }
    }
    assertNotNull(nps);
    double kishOverTaylor = nps.get("kish_moe").asDouble() / nps.get(Cols.MOE).asDouble();
    assertTrue(kishOverTaylor > 1.5, "Kish / linearized moe " + kishOverTaylor);
  }

  @Test
  void aCellWithEnoughAnswersButTooFewEffectiveOnesIsSuppressed() {
    // Six nps answers, one weighted 10: n = 6 >= min_n 5, n_eff = 15^2 / (100 + 5) = 2.14 < 5.
    double[] scores = {10, 9, 3, 8, 6, 10};
    List<Answer> weighted = new ArrayList<>();
    List<Answer> unweighted = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      Answer a = of("s" + i, "c" + i, RUN + "T1" + i + ":00:00Z", "q_nps", scores[i], "sms");
      unweighted.add(a);
      weighted.add(a.weighted(i == 0 ? 10 : 1));
    }
    String key = "day/" + RUN + "/nps/ALL/ALL/ALL/ALL";
    Row w = run(weighted, 5).get(key);
    assertEquals(6L, (long) w.getAs(Cols.N));
    assertEquals(225.0 / 105, (Double) w.getAs(Cols.N_EFFECTIVE), 1e-12);
    assertTrue(w.<Boolean>getAs(Cols.SUPPRESSED));
    assertNull(w.getAs(Cols.VALUE));
    assertNull(w.getAs(Cols.MOE));
    // The same answers without weights: n_eff = n = 6, shown.
    Row u = run(unweighted, 5).get(key);
    assertEquals(6.0, (Double) u.getAs(Cols.N_EFFECTIVE), 1e-12);
    assertFalse(u.<Boolean>getAs(Cols.SUPPRESSED));
    // 3 promoters, 2 detractors of 6: nps = 100 (3 - 2) / 6.
    assertEquals(100.0 / 6, (Double) u.getAs(Cols.VALUE), 1e-9);
    // Five equal weights of 1.1: n_eff = 5.5^2 / (5 x 1.21) is 4.999999999999999 in doubles, which
    // is n and must not fall below min_n 5 for round-off.
    Row equal =
        run(unweighted.subList(0, 5).stream().map(a -> a.weighted(1.1)).toList(), 5).get(key);
    assertEquals(5.0, (Double) equal.getAs(Cols.N_EFFECTIVE), 1e-12);
    assertFalse(equal.<Boolean>getAs(Cols.SUPPRESSED));
  }
}
