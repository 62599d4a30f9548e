package io.cx.jobs.kpis;

import static io.cx.jobs.kpis.KpiFixtures.Answer.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values and margins of error of one small day, computed by hand in the comments; weights, Kish's
 * effective n and the linearization variance; suppression below min_n; the ALL roll-ups.
 */
class KpiHandComputedTest {
  static final LocalDate DAY = LocalDate.of(2024, 6, 12);
  static final JourneyMap J = KpiFixtures.journey("UTC");
  private static Map<String, Row> rows;

  /** Ten responses on 2024-06-12 (a Wednesday) by six customers. */
  static List<Answer> answers() {
    List<Answer> a = new ArrayList<>();
    String[] customers = {"c1", "c1", "c2", "c3", "c4", "c5", "c6", "c2", "c3", "c4"};
    String[] channels = {"app", "app", "web", "web", "app", "web", null, "app", "web", "app"};
    double[] nps = {10, 10, 9, 9, 8, 7, 6, 5, 3, 10};
    for (int i = 0; i < 10; i++) {
      String at = "2024-06-12T1" + i + ":00:00Z";
      a.add(of("r" + i, customers[i], at, "q_nps", nps[i], channels[i]));
    }
    double[] overall = {5, 4, 4, 3, 5};
    for (int i = 0; i < 5; i++) {
      a.add(
          of(
              "r" + i,
              customers[i],
              "2024-06-12T1" + i + ":00:00Z",
              "q_overall",
              overall[i],
              channels[i]));
    }
    double[] effort = {7, 5, 6, 2};
    for (int i = 0; i < 4; i++) {
      a.add(
          of(
              "r" + i,
              customers[i],
              "2024-06-12T1" + i + ":00:00Z",
              "q_effort",
              effort[i],
              channels[i]));
    }
    a.add(of("r0", "c1", "2024-06-12T10:00:00Z", "q_checkout", 5, "app"));
    a.add(of("r1", "c1", "2024-06-12T11:00:00Z", "q_checkout", 1, "app"));
    a.add(of("r2", "c2", "2024-06-12T12:00:00Z", "q_delivery", 4, "web"));
    a.add(of("r3", "c3", "2024-06-12T13:00:00Z", "q_delivery", 4, "web"));
    a.add(of("r4", "c4", "2024-06-12T14:00:00Z", "q_delivery", 2, "app"));
    a.add(of("r5", "c5", "2024-06-12T15:00:00Z", "q_returns", 5, "web"));
    // A skipped answer feeds nothing.
    a.add(
        new Answer(
            "r6", "c6", "2024-06-12T16:00:00Z", "q_returns", null, null, null, "2024-06-12"));
    return a;
  }

  @BeforeAll
  static void compute() {
    var customers =
        KpiFixtures.customers(
            List.of(
                new String[] {"c1", "consumer", "2024-06-01"},
                new String[] {"c2", "consumer", "2024-06-01"},
                new String[] {"c3", "business", "2024-06-01"},
                new String[] {"c4", "business", "2024-06-01"},
                new String[] {"c5", null, "2024-06-01"}));
    // min_n 3: the checkout cells (2 answers) and returns (1) are suppressed.
    KpiOptions options = KpiFixtures.options(3, 2, KpiOptions.Recompute.INCREMENTAL, "day");
    rows = new HashMap<>();
    for (Row r :
        KpiFixtures.compute(J, KpiFixtures.answers(J, answers()), customers, DAY, options)
            .collectAsList()) {
      rows.put(KpiFixtures.key(r), r);
    }
  }

  static Row cell(String metric, String stage, String touchpoint, String segment, String channel) {
    Row r =
        rows.get(
            String.join("/", "day", DAY.toString(), metric, stage, touchpoint, segment, channel));
    assertNotNull(
        r,
        metric
            + " "
            + stage
            + " "
            + touchpoint
            + " "
            + segment
            + " "
            + channel
            + " in "
            + rows.keySet());
    return r;
  }

  static double value(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  void npsAndItsMarginOfError() {
    // Promoters 10,10,9,9,10 (p = 0.5); detractors 6,5,3 (d = 0.3); NPS = 100 (p - d) = 20.
    // Var = [p + d - (p - d)^2] / n = (0.8 - 0.04) / 10 = 0.076; moe = 196 sqrt(0.076).
    Row nps = cell("nps", "ALL", "ALL", "ALL", "ALL");
    assertEquals(20.0, value(nps, Cols.VALUE), 1e-12);
    assertEquals(196 * Math.sqrt(0.076), value(nps, Cols.MOE), 1e-9);
    assertEquals(54.03347110819366, value(nps, Cols.MOE), 1e-9);
    assertEquals(10L, (long) nps.getAs(Cols.N));
    assertEquals(10.0, value(nps, Cols.N_EFFECTIVE), 1e-12);
  }

  @Test
  void csatAndTop2boxOfTheJourneyComeFromTheSatisfactionOutcome() {
    // q_overall 5,4,4,3,5 on 1..5: normalised 1, .75, .75, .5, 1; mean 0.8.
    // Squared deviations .04 + .0025 + .0025 + .09 + .04 = .175; s^2 = .175 / 4 = .04375;
    // moe = 1.96 sqrt(.04375 / 5) = 1.96 sqrt(.00875).
    Row csat = cell("csat", "ALL", "ALL", "ALL", "ALL");
    assertEquals(0.8, value(csat, Cols.VALUE), 1e-12);
    assertEquals(1.96 * Math.sqrt(0.00875), value(csat, Cols.MOE), 1e-12);
    // Top two points of 1..5 are 4 and 5: 4 of 5; moe = 1.96 sqrt(.8 x .2 / 5) = 1.96 sqrt(.032).
    Row top = cell("top2box", "ALL", "ALL", "ALL", "ALL");
    assertEquals(0.8, value(top, Cols.VALUE), 1e-12);
    assertEquals(1.96 * Math.sqrt(0.032), value(top, Cols.MOE), 1e-12);
  }

  @Test
  void cesIsTheMeanRawEffortScore() {
    // 7, 5, 6, 2: mean 5; s^2 = (4 + 0 + 1 + 9) / 3 = 14/3; moe = 1.96 sqrt(14/3 / 4).
    Row ces = cell("ces", "ALL", "ALL", "ALL", "ALL");
    assertEquals(5.0, value(ces, Cols.VALUE), 1e-12);
    assertEquals(1.96 * Math.sqrt(14.0 / 12), value(ces, Cols.MOE), 1e-12);
    assertEquals(4L, (long) ces.getAs(Cols.N));
  }

  @Test
  void touchpointAnswersFeedTheirTouchpointAndTheirStage() {
    // delivery: 4, 4, 2 -> .75, .75, .25: csat 7/12; top2box 2/3.
    Row delivery = cell("csat", "delivery", "delivery", "ALL", "ALL");
    assertEquals(7.0 / 12, value(delivery, Cols.VALUE), 1e-12);
    assertEquals(
        2.0 / 3, value(cell("top2box", "delivery", "delivery", "ALL", "ALL"), Cols.VALUE), 1e-12);
    // The stage pools delivery and returns (5 -> 1): (.75 + .75 + .25 + 1) / 4 = .6875.
    Row stage = cell("csat", "delivery", "ALL", "ALL", "ALL");
    assertEquals(0.6875, value(stage, Cols.VALUE), 1e-12);
    assertEquals(4L, (long) stage.getAs(Cols.N));
    // No nps, ces at a stage or touchpoint; no csat of a stage from the overall question.
    assertFalse(
        rows.keySet().stream()
            .anyMatch(k -> k.contains("/nps/delivery") || k.contains("/ces/purchase")));
  }

  @Test
  void cellsBelowMinNKeepTheirNButNoValue() {
    Row checkout = cell("csat", "purchase", "checkout", "ALL", "ALL");
    assertTrue(checkout.<Boolean>getAs(Cols.SUPPRESSED));
    assertEquals(2L, (long) checkout.getAs(Cols.N));
    assertEquals(2.0, value(checkout, Cols.N_EFFECTIVE), 1e-12);
    assertNull(checkout.getAs(Cols.VALUE));
    assertNull(checkout.getAs(Cols.MOE));
    assertNull(checkout.getAs(Cols.P_VALUE));
    assertFalse(checkout.<Boolean>getAs(Cols.ALERT));
    Row returns = cell("csat", "delivery", "returns", "ALL", "ALL");
    assertTrue(returns.<Boolean>getAs(Cols.SUPPRESSED));
    assertEquals(1L, (long) returns.getAs(Cols.N));
    Row delivery = cell("csat", "delivery", "delivery", "ALL", "ALL");
    assertFalse(delivery.<Boolean>getAs(Cols.SUPPRESSED));
  }

  @Test
  void segmentsComeFromCustomersAndUnknownCoversTheRest() {
    // c5 has a null segment, c6 no customers row: both unknown (r5, r6).
    assertEquals(2L, (long) cell("nps", "ALL", "ALL", "unknown", "ALL").getAs(Cols.N));
    // r0, r1 (c1), r2, r7 (c2): consumer.
    assertEquals(4L, (long) cell("nps", "ALL", "ALL", "consumer", "ALL").getAs(Cols.N));
    // r6 has no channel.
    assertEquals(1L, (long) cell("nps", "ALL", "ALL", "unknown", "unknown").getAs(Cols.N));
  }

  @Test
  void rollUpsAddUpAndAreNeverNull() {
    Map<String, Long> bySegment = new HashMap<>();
    Map<String, Long> byChannel = new HashMap<>();
    for (Row r : rows.values()) {
      for (String c : List.of(Cols.STAGE, Cols.TOUCHPOINT, Cols.SEGMENT, Cols.CHANNEL)) {
        assertNotNull(r.getAs(c), c + " of " + KpiFixtures.key(r));
      }
      String metricCut =
          r.getAs(Cols.METRIC) + "/" + r.getAs(Cols.STAGE) + "/" + r.getAs(Cols.TOUCHPOINT);
      long n = r.getAs(Cols.N);
      if (!r.getAs(Cols.SEGMENT).equals(Cols.ALL) && r.getAs(Cols.CHANNEL).equals(Cols.ALL)) {
        bySegment.merge(metricCut, n, Long::sum);
      }
      if (r.getAs(Cols.SEGMENT).equals(Cols.ALL) && !r.getAs(Cols.CHANNEL).equals(Cols.ALL)) {
        byChannel.merge(metricCut, n, Long::sum);
      }
    }
    for (Row r : rows.values()) {
      if (r.getAs(Cols.SEGMENT).equals(Cols.ALL) && r.getAs(Cols.CHANNEL).equals(Cols.ALL)) {
        String metricCut =
            r.getAs(Cols.METRIC) + "/" + r.getAs(Cols.STAGE) + "/" + r.getAs(Cols.TOUCHPOINT);
        long n = r.getAs(Cols.N);
        assertEquals(n, bySegment.get(metricCut), "segments of " + metricCut);
        assertEquals(n, byChannel.get(metricCut), "channels of " + metricCut);
      }
    }
    // Stage roll-up = sum of its touchpoints.
    long delivery = cell("csat", "delivery", "delivery", "ALL", "ALL").getAs(Cols.N);
    long returns = cell("csat", "delivery", "returns", "ALL", "ALL").getAs(Cols.N);
    assertEquals(
        delivery + returns, (long) cell("csat", "delivery", "ALL", "ALL", "ALL").getAs(Cols.N));
  }

  @Test
  void weightsGiveWeightedValuesKishEffectiveNAndLinearizedVariances() {
    // q_overall 5 (w 2), 3 (w 1), 4 (w 1): normalised 1, .5, .75.
    // csat = (2 + .5 + .75) / 4 = .8125; n_eff = 4^2 / (4 + 1 + 1) = 8/3; n stays 3.
    // csat: sum w^2 (y - .8125)^2 = 4 x .1875^2 + .3125^2 + .0625^2 = .140625 + .09765625
    // + .00390625 = .2421875; se^2 = .2421875 / 4^2 x 3 / 2 = .022705078125 (Kish: .02578125).
    // top2box: y = 1, 0, 1 -> (2 + 1) / 4 = .75; sum w^2 (y - .75)^2 = 4 x .0625 + .5625 + .0625
    // = .875; se^2 = .875 / 16 = .0546875 (Kish: .75 x .25 / (8/3) = .0703125).
    List<Answer> a =
        List.of(
            of("w1", "c1", "2024-06-12T10:00:00Z", "q_overall", 5, "app").weighted(2),
            of("w2", "c2", "2024-06-12T11:00:00Z", "q_overall", 3, "app").weighted(1),
            of("w3", "c3", "2024-06-12T12:00:00Z", "q_overall", 4, "app"));
    KpiOptions options = KpiFixtures.options(1, 2, KpiOptions.Recompute.INCREMENTAL, "day");
    Map<String, Row> w = new HashMap<>();
    for (Row r :
        KpiFixtures.compute(J, KpiFixtures.answers(J, a), null, DAY, options).collectAsList()) {
      w.put(KpiFixtures.key(r), r);
    }
    Row csat = w.get("day/2024-06-12/csat/ALL/ALL/ALL/ALL");
    assertEquals(0.8125, value(csat, Cols.VALUE), 1e-12);
    assertEquals(3L, (long) csat.getAs(Cols.N));
    assertEquals(8.0 / 3, value(csat, Cols.N_EFFECTIVE), 1e-12);
    assertEquals(1.96 * Math.sqrt(0.022705078125), value(csat, Cols.MOE), 1e-12);
    Row top = w.get("day/2024-06-12/top2box/ALL/ALL/ALL/ALL");
    assertEquals(0.75, value(top, Cols.VALUE), 1e-12);
    assertEquals(1.96 * Math.sqrt(0.0546875), value(top, Cols.MOE), 1e-12);
    // Without a customers table every answer is in segment unknown.
    assertEquals(3L, (long) w.get("day/2024-06-12/csat/ALL/ALL/unknown/app").getAs(Cols.N));
  }
}
