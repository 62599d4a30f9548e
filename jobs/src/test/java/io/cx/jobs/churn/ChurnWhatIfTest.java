package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.calibration.Calibrator;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.LogitModel;
import io.cx.jobs.churn.whatif.Movement;
import io.cx.jobs.churn.whatif.OutcomeModels;
import io.cx.jobs.churn.whatif.WhatIf;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if scenarios: checked by hand, and on the shared in-memory analysis ({@link AnalysedChurn}).
 */
class ChurnWhatIfTest {
  static TreeMap<Double, Long> histogram() {
    // 20 answers: 2 at 0, 3 at 0.25, 5 at 0.5, 6 at 0.75, 4 at 1.
    TreeMap<Double, Long> h = new TreeMap<>();
    h.put(0.0, 2L);
    h.put(0.25, 3L);
    h.put(0.5, 5L);
    h.put(0.75, 6L);
    h.put(1.0, 4L);
    return h;
  }

  @Test
  void theLowestAnswersMoveFirstAndTiesMoveInPart() {
    Movement ten = Movement.of(histogram(), 0.75, 0.1);
    assertEquals(2.0, ten.moved(), 1e-12);
    assertEquals(1.0, ten.weight(0.0));
    assertEquals(0.0, ten.weight(0.25));
    Movement twenty = Movement.of(histogram(), 0.75, 0.2);
    assertEquals(4.0, twenty.moved(), 1e-12);
    assertEquals(1.0, twenty.weight(0.0));
    assertEquals(2.0 / 3, twenty.weight(0.25), 1e-12);
    assertEquals(0.0, twenty.weight(0.5));
    // 90 % is more than the 10 answers below the top-2 box: all of them move, no more.
    Movement most = Movement.of(histogram(), 0.75, 0.9);
    assertEquals(10.0, most.moved(), 1e-12);
    assertEquals(1.0, most.weight(0.5));
    assertEquals(0.0, most.weight(0.75));
    assertEquals(0.0, most.weight(Double.NaN));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Churn log-odds -1 - 2 tp_delivery (feature 2), no calibration. */
  static ChurnPredictor deliveryPredictor(JourneyMap journey) {
    FeaturePlan plan = FeaturePlan.of(journey);
    Vectorizer v = new Vectorizer(plan.inputs(), new double[plan.inputs().size()], List.of());
    double[] beta = new double[v.size()];
    beta[2] = -2;
    return new ChurnPredictor(
        v, new LogitModel(-1, beta, new double[v.size()]), new Calibrator.None());
  }

  static ChurnOptions options(double share, String to) {
    return new ChurnOptions(
        50,
        "hash",
        0.25,
        1,
        0.2,
        "auto",
        0,
        3,
        50,
        10,
        new ChurnOptions.Logit(0.01, 10),
        new ChurnOptions.Gbt(5, 2, 0.1, 1, 5, 16),
        List.of(new ChurnOptions.Scenario("half", share, to)));
  }

  /** A journey_features row: delivery, annual value, satisfaction and recommend (NaN: null). */
  static Row featureRow(String response, String customer, double[] d) {
    return RowFactory.create(
        response,
        customer,
        new Timestamp(0),
        "shop",
        "app",
        "consumer",
        "north",
        100,
        Double.isNaN(d[1]) ? null : d[1],
        1.0,
        Double.isNaN(d[2]) ? null : d[2],
        Double.isNaN(d[3]) ? null : d[3],
        null,
        null,
        Double.isNaN(d[0]) ? null : d[0],
        null,
        0.0,
        null,
        Date.valueOf(SimulatedChurn.RUN));
  }

  /** The delivery rows of driver_impact (segment ALL), by target. */
  static Map<String, Row> deliveryImpact(
      List<Row> rows, JourneyMap journey, OutcomeModels outcomes, ChurnOptions o) {
    List<Row> impact =
        WhatIf.of(
            SharedSpark.get().createDataFrame(rows, SimulatedChurn.FEATURES),
            deliveryPredictor(journey),
            outcomes,
            journey,
            o,
            SimulatedChurn.RUN);
    List<Row> out =
        SharedSpark.get()
            .createDataFrame(impact, io.cx.common.contract.Schemas.DRIVER_IMPACT)
            .collectAsList();
    Map<String, Row> delivery = new HashMap<>();
    for (Row r : out) {
      if (r.getAs(Cols.SEGMENT).equals(Cols.ALL) && r.getAs(Cols.DRIVER).equals("delivery")) {
        delivery.put(r.getAs(Cols.TARGET), r);
      }
    }
    return delivery;
  }

  // Four customers: delivery 0, 0.25, 0.5, 1; value 100, 200, null, 50; satisfaction 0.5, 0.25,
  // 0.75, 1; recommend 5, 3, 8, 10 (1 promoter, 2 detractors: NPS -25).
  static final double[][] FOUR = {
    {0, 100, 0.5, 5}, {0.25, 200, 0.25, 3}, {0.5, Double.NaN, 0.75, 8}, {1, 50, 1, 10}
  };

  static List<Row> four() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < FOUR.length; i++) {
      rows.add(featureRow("r" + i, "c" + i, FOUR[i]));
    }
    return rows;
  }

  @Test
  void deltasOfAHandComputableModel(@TempDir Path dir) {
    JourneyMap journey = ChurnFeaturePlanTest.journey(dir, SimulatedChurn.JOURNEY);
    Map<String, double[]> slopes = new HashMap<>();
    slopes.put("satisfaction", new double[] {0, 0.5, 0});
    slopes.put("recommend", new double[] {0, 4, 0});
    List<Row> impact =
        WhatIf.of(
            SharedSpark.get().createDataFrame(four(), SimulatedChurn.FEATURES),
            deliveryPredictor(journey),
            new OutcomeModels(slopes),
            journey,
            options(0.5, "top2box"),
            SimulatedChurn.RUN);
    List<Row> out =
        SharedSpark.get()
            .createDataFrame(impact, io.cx.common.contract.Schemas.DRIVER_IMPACT)
            .collectAsList();
    Map<String, Row> delivery = new HashMap<>();
    for (Row r : out) {
      assertEquals(Cols.ALL, r.getAs(Cols.SEGMENT), "4 customers are below min_n_segment");
      if (r.getAs(Cols.DRIVER).equals("delivery")) {
        delivery.put(r.getAs(Cols.TARGET), r);
      } else {
        assertEquals(0.0, r.<Double>getAs(Cols.DELTA), "nobody answered " + r.getAs(Cols.DRIVER));
      }
    }
    // Quota 2 of 4 answers: 0 and 0.25 move to 0.75 (4 on a 1..5 scale).
    Row churn = delivery.get("churn");
    double base = (sigmoid(-1) + sigmoid(-1.5) + sigmoid(-2) + sigmoid(-3)) / 4;
    double dp1 = sigmoid(-2.5) - sigmoid(-1);
    double dp2 = sigmoid(-2.5) - sigmoid(-1.5);
    assertEquals(base, churn.<Double>getAs(Cols.BASELINE), 1e-12);
    assertEquals((dp1 + dp2) / 4, churn.<Double>getAs(Cols.DELTA), 1e-12);
    assertEquals(100 * dp1 + 200 * dp2, churn.<Double>getAs(Cols.REVENUE_AT_RISK_DELTA), 1e-9);
    assertEquals(2.0, churn.<Double>getAs(Cols.MOVED), 1e-12);
    assertEquals(4L, churn.<Long>getAs(Cols.N));
    Row sat = delivery.get("satisfaction");
    assertEquals(0.625, sat.<Double>getAs(Cols.BASELINE), 1e-12);
    // 0.5 + 0.5 x 0.75 = 0.875; 0.25 + 0.5 x 0.5 = 0.5.
    assertEquals((0.375 + 0.25) / 4, sat.<Double>getAs(Cols.DELTA), 1e-12);
    // Models without draws: no interval.
    assertNull(sat.getAs(Cols.DELTA_LOW));
    assertNull(sat.getAs(Cols.DELTA_HIGH));
    Row nps = delivery.get("recommend");
    assertEquals(-25.0, nps.<Double>getAs(Cols.BASELINE), 1e-12);
    // NPS follows the moved recommend scores (the ones the churn model sees): 5 + 4 x 0.75 = 8,
    // a detractor becomes a passive (+1); 3 + 4 x 0.5 = 5 stays a detractor.
    assertEquals(100 * 1.0 / 4, nps.<Double>getAs(Cols.DELTA), 1e-12);
    assertEquals("half", nps.getAs(Cols.SCENARIO));
  }

  @Test
  void betweenTheScalePointsARecommendScoreCountsProRata() {
    assertEquals(-1.0, WhatIf.npsContribution(0), 0);
    assertEquals(-1.0, WhatIf.npsContribution(6), 0);
    assertEquals(-0.75, WhatIf.npsContribution(6.25), 1e-15);
    assertEquals(0.0, WhatIf.npsContribution(7), 0);
    assertEquals(0.0, WhatIf.npsContribution(8), 0);
    assertEquals(0.5, WhatIf.npsContribution(8.5), 1e-15);
    assertEquals(1.0, WhatIf.npsContribution(9), 0);
    assertEquals(1.0, WhatIf.npsContribution(10), 0);
  }

  @Test
  void anExtremeMovementKeepsNpsAndSatisfactionInTheirRanges(@TempDir Path dir) {
    JourneyMap journey = ChurnFeaturePlanTest.journey(dir, SimulatedChurn.JOURNEY);
    // Absurd slopes (also under the names of the promoter/detractor models the NPS once used):
    // every moved answer is pushed far beyond the top of every scale.
    Map<String, double[]> slopes = new HashMap<>();
    slopes.put("satisfaction", new double[] {0, 50, 0});
    slopes.put("recommend", new double[] {0, 1000, 0});
    slopes.put("promoter", new double[] {0, 1000, 0});
    slopes.put("detractor", new double[] {0, -1000, 0});
    Map<String, Row> delivery =
        deliveryImpact(four(), journey, new OutcomeModels(slopes), options(1.0, "top_box"));
    Row nps = delivery.get("recommend");
    // Three answers below the top move to the top: everyone is a promoter, NPS 100 exactly.
    assertEquals(100.0, nps.<Double>getAs(Cols.PREDICTED), 1e-12, nps.toString());
    assertEquals(125.0, nps.<Double>getAs(Cols.DELTA), 1e-12, nps.toString());
    Row sat = delivery.get("satisfaction");
    assertEquals(1.0, sat.<Double>getAs(Cols.PREDICTED), 1e-12, sat.toString());
    Row churn = delivery.get("churn");
    double p = churn.<Double>getAs(Cols.PREDICTED);
    assertTrue(p >= 0 && p <= 1, churn.toString());
  }

  @Test
  void whatIfImprovingDeliveryRaisesSatisfactionAndNpsAndLowersChurn() {
    AnalysedChurn run = AnalysedChurn.get();
    List<Row> impact =
        run.impact.stream().filter(r -> r.getAs(Cols.SEGMENT).equals(Cols.ALL)).toList();
    // 3 touchpoints x 1 scenario x 3 targets.
    assertEquals(9, impact.size());
    Map<String, Row> delivery = new HashMap<>();
    impact.stream()
        .filter(r -> r.getAs(Cols.DRIVER).equals("delivery"))
        .forEach(r -> delivery.put(r.getAs(Cols.TARGET), r));
    Row churn = delivery.get("churn");
    assertEquals("plus_10pct_top2box", churn.getAs(Cols.SCENARIO));
    assertTrue(churn.<Double>getAs(Cols.DELTA) < 0, churn.toString());
    assertTrue(churn.<Double>getAs(Cols.REVENUE_AT_RISK_DELTA) < 0, churn.toString());
    assertEquals(
        churn.<Double>getAs(Cols.BASELINE) + churn.<Double>getAs(Cols.DELTA),
        churn.<Double>getAs(Cols.PREDICTED),
        1e-12);
    assertTrue(delivery.get("satisfaction").<Double>getAs(Cols.DELTA) > 0);
    assertTrue(delivery.get("recommend").<Double>getAs(Cols.DELTA) > 0);
    assertNull(delivery.get("satisfaction").getAs(Cols.REVENUE_AT_RISK_DELTA));
    // Exactly 10 % of the population's delivery answers moved (enough are below the top-2 box).
    long answered =
        run.scores.stream()
            .filter(
                r ->
                    run.data.features.stream()
                        .anyMatch(
                            f ->
                                f.getString(0).equals(r.getAs(Cols.RESPONSE_ID))
                                    && !f.isNullAt(14)))
            .count();
    assertEquals(0.1 * answered, churn.<Double>getAs(Cols.MOVED), 1e-9);
    assertEquals((long) run.scores.size(), churn.<Long>getAs(Cols.N));
    // The churn baseline is the mean score of the population.
    double mean =
        run.scores.stream()
            .mapToDouble(r -> r.<Double>getAs(Cols.CHURN_PROBABILITY))
            .average()
            .orElseThrow();
    assertEquals(mean, churn.<Double>getAs(Cols.BASELINE), 1e-12);
  }
}
