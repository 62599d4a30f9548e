package io.cx.jobs.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * metric_thresholds on planted data: the delivery score drops when the delivery delay passes 24
 * hours (a tipping point); the checkout score falls by the same amount with every payment error (a
 * line, no tipping point: before issue 13 it came out {@code found}); nobody rated payment.
 */
class ThresholdSearchTest {
  private static final int N = 3000;
  private static final double PLANTED = 24.0;
  private static Dataset<Row> rows;
  private static JourneyMap shop;

  @BeforeAll
  static void data() {
    Random rnd = new Random(5);
    List<Map<String, Object>> responses = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Map<String, Object> r = new HashMap<>();
      double delay = Math.round(rnd.nextDouble() * 72 * 10) / 10.0;
      double delivery = (delay <= PLANTED ? 0.78 : 0.52) + rnd.nextGaussian() * 0.15;
      r.put(Cols.RESPONSE_ID, "r" + i);
      r.put(Cols.SEGMENT, i % 2 == 0 ? "consumer" : "smb");
      r.put(FeatureNames.SATISFACTION, 0.5);
      int errors = rnd.nextInt(6);
      r.put(
          FeatureNames.touchpoint("checkout"),
          Math.min(1, Math.max(0, 0.75 - 0.03 * errors + rnd.nextGaussian() * 0.15)));
      r.put(FeatureNames.touchpoint("delivery"), Math.min(1, Math.max(0, delivery)));
      r.put(FeatureNames.metric("delay_hours"), i % 10 == 0 ? null : delay);
      r.put(FeatureNames.metric("payment_errors"), (double) errors);
      responses.add(r);
    }
    shop = DriverTestData.shop();
    rows =
        DriverAnalysis.prepare(
            DriverTestData.features(shop, responses), List.of(JourneyLayout.of(shop)));
  }

  private static Map<String, Row> search(DriverOptions o) {
    List<JourneyLayout> layouts = List.of(JourneyLayout.of(shop));
    InputProfile profile = InputProfile.of(rows, layouts);
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r :
        ThresholdSearch.run(
            rows, layouts, profile, o, DriverTestData.RUN_ID, DriverTestData.RUN_DATE)) {
      out.put(r.getString(2) + "/" + r.getString(3), r);
    }
    return out;
  }

  private static Object get(Row r, String column) {
    return r.get(io.cx.common.contract.Schemas.METRIC_THRESHOLDS.fieldIndex(column));
  }

  @Test
  void findsThePlantedTippingPointAndSaysWhyOtherPairsHaveNone() {
    Map<String, Row> found = search(new DriverTestData.Options().permutations(199).build());
    assertEquals(
        List.of("payment_errors/checkout", "payment_errors/payment", "delay_hours/delivery"),
        List.copyOf(found.keySet()));

    Row delay = found.get("delay_hours/delivery");
    assertEquals("found", get(delay, Cols.STATUS));
    assertEquals("delivery", get(delay, Cols.STAGE));
    double t = (Double) get(delay, Cols.THRESHOLD);
    assertTrue(Math.abs(t - PLANTED) <= 0.2 * PLANTED, "threshold " + t);
    assertEquals(0.78, (Double) get(delay, Cols.SCORE_BELOW), 0.03);
    assertEquals(0.52, (Double) get(delay, Cols.SCORE_ABOVE), 0.03);
    assertEquals(0.005, (Double) get(delay, Cols.P_VALUE), 1e-12, "1 / (1 + 199)");
    assertEquals("step", get(delay, Cols.SHAPE));
    assertEquals(0.005, (Double) get(delay, Cols.P_STEP), 1e-12, "the step beats the trend");
    assertEquals(
        0.005, (Double) get(delay, Cols.Q_VALUE), 1e-12, "2 tests at 0.005: 2 x 0.005 / 2");
    assertEquals(
        0.01, (Double) get(delay, Cols.Q_STEP), 1e-12, "2 claims, the other weak: 2 x 0.005");
    double lo = (Double) get(delay, Cols.THRESHOLD_LO);
    double hi = (Double) get(delay, Cols.THRESHOLD_HI);
    assertTrue(lo <= t && t < hi, lo + " .. " + hi + " around " + t);
    assertTrue(lo <= PLANTED && PLANTED < hi, lo + " .. " + hi);
    long n = (Long) get(delay, Cols.N);
    assertEquals(N - N / 10, n, "every response with both values");
    assertEquals(n, (Long) get(delay, Cols.N_AVAILABLE));
    assertEquals(n, (Long) get(delay, Cols.N_BELOW) + (Long) get(delay, Cols.N_ABOVE));

    Row line = found.get("payment_errors/checkout");
    assertEquals("no_tipping_point", get(line, Cols.STATUS), line.toString());
    assertEquals("linear", get(line, Cols.SHAPE));
    assertEquals(0.005, (Double) get(line, Cols.P_VALUE), 1e-12, "the score does fall");
    assertTrue((Double) get(line, Cols.P_STEP) > 0.05, line.toString());
    assertTrue((Double) get(line, Cols.Q_STEP) > 0.05, line.toString());
    assertNull(get(line, Cols.THRESHOLD));
    assertNull(get(line, Cols.THRESHOLD_LO));
    assertTrue(
        ((String) get(line, Cols.NOTE)).contains("does not fit better than a smooth trend"),
        line.toString());

    Row nobody = found.get("payment_errors/payment");
    assertEquals("too_few_rows", get(nobody, Cols.STATUS));
    assertEquals(0L, get(nobody, Cols.N));
    assertEquals(0L, get(nobody, Cols.N_AVAILABLE));
    assertNull(get(nobody, Cols.THRESHOLD));
    assertNull(get(nobody, Cols.SHAPE), "not searched");
    assertNull(get(nobody, Cols.Q_VALUE), "not a test");
  }

  @Test
  void largePairsAreSearchedOnADeterministicSampleOfAtMostTheCap() {
    DriverOptions capped =
        new DriverTestData.Options().permutations(199).thresholdSample(1000).build();
    Row first = search(capped).get("delay_hours/delivery");
    Row again = search(capped).get("delay_hours/delivery");
    assertEquals(1000L, get(first, Cols.N));
    assertEquals((long) (N - N / 10), get(first, Cols.N_AVAILABLE));
    assertEquals("found", get(first, Cols.STATUS));
    double t = (Double) get(first, Cols.THRESHOLD);
    assertTrue(Math.abs(t - PLANTED) <= 0.2 * PLANTED, "threshold " + t);
    assertEquals(first, again);
  }

  @Test
  void theBootstrapKeyIsTheCustomersOrTheResponsesWithoutOne() {
    assertEquals(ThresholdSearch.customerKey("r1", "c7"), ThresholdSearch.customerKey("r2", "c7"));
    assertTrue(ThresholdSearch.customerKey("r1", "c7") != ThresholdSearch.customerKey("r1", "c8"));
    assertTrue(ThresholdSearch.customerKey("r1", null) != ThresholdSearch.customerKey("r2", null));
    // A customer id equal to a response id is still a different key.
    assertTrue(ThresholdSearch.customerKey("x", "x") != ThresholdSearch.customerKey("x", null));
  }

  @Test
  void theSampleKeepsOrDropsACustomersResponsesTogether() {
    // 3000 customers with 1 to 4 responses each (about 7500 points), capped at 1000.
    Random rnd = new Random(9);
    List<ThresholdSearch.Point> points = new ArrayList<>();
    Map<Long, Integer> responses = new HashMap<>();
    int r = 0;
    for (int c = 0; c < 3000; c++) {
      long customer = ThresholdSearch.customerKey("r" + r, "c" + c);
      int k = 1 + rnd.nextInt(4);
      responses.put(customer, k);
      for (int j = 0; j < k; j++, r++) {
        double u =
            ThresholdSearch.uniform(io.cx.jobs.analytics.stats.PoissonWeights.keyHash("r" + r));
        points.add(new ThresholdSearch.Point(u, rnd.nextDouble(), rnd.nextDouble(), customer));
      }
    }
    java.util.Collections.shuffle(points, rnd);
    List<ThresholdSearch.Point> kept = ThresholdSearch.sample(points, 1000);
    Map<Long, Integer> keptBy = new HashMap<>();
    kept.forEach(q -> keptBy.merge(q.customer(), 1, Integer::sum));
    keptBy.forEach(
        (customer, k) -> assertEquals(responses.get(customer), k, "customer " + customer));
    // At most the cap, and short of it by less than one customer's responses.
    assertTrue(kept.size() <= 1000 && kept.size() > 1000 - 4, "kept " + kept.size());
    // The customers kept are those with the smallest sample key, whatever the input order.
    double largestKept =
        keptBy.keySet().stream().mapToDouble(ThresholdSearch::uniform).max().orElseThrow();
    long below =
        responses.keySet().stream().filter(k -> ThresholdSearch.uniform(k) <= largestKept).count();
    assertEquals(keptBy.size(), below);
    java.util.Collections.shuffle(points, new Random(1));
    assertEquals(kept, ThresholdSearch.sample(points, 1000));
    // In search order: by the response's key.
    for (int i = 1; i < kept.size(); i++) {
      assertTrue(kept.get(i - 1).u() <= kept.get(i).u());
    }
    // Under the cap, every point is kept.
    assertEquals(points.size(), ThresholdSearch.sample(points, points.size()).size());
  }

  @Test
  void aCappedPairOfRepeatRespondentsIsSampledByCustomerCloseToTheCap() {
    // Every customer answered three times; 2700 delay/delivery points, capped at 1000.
    List<Map<String, Object>> responses = new ArrayList<>();
    Random rnd = new Random(3);
    for (int i = 0; i < N; i++) {
      Map<String, Object> m = new HashMap<>();
      double delay = Math.round(rnd.nextDouble() * 72 * 10) / 10.0;
      m.put(Cols.RESPONSE_ID, "r" + i);
      m.put(Cols.CUSTOMER_ID, "c" + (i / 3));
      m.put(Cols.SEGMENT, "consumer");
      m.put(FeatureNames.SATISFACTION, 0.5);
      m.put(
          FeatureNames.touchpoint("delivery"),
          Math.min(1, Math.max(0, (delay <= PLANTED ? 0.78 : 0.52) + rnd.nextGaussian() * 0.15)));
      m.put(FeatureNames.metric("delay_hours"), delay);
      m.put(FeatureNames.metric("payment_errors"), 0.0);
      responses.add(m);
    }
    List<JourneyLayout> layouts = List.of(JourneyLayout.of(shop));
    Dataset<Row> repeat = DriverAnalysis.prepare(DriverTestData.features(shop, responses), layouts);
    DriverOptions capped =
        new DriverTestData.Options().permutations(199).thresholdSample(1000).build();
    Row row = null;
    for (Row r :
        ThresholdSearch.run(
            repeat,
            layouts,
            InputProfile.of(repeat, layouts),
            capped,
            DriverTestData.RUN_ID,
            DriverTestData.RUN_DATE)) {
      if ((r.getString(2) + "/" + r.getString(3)).equals("delay_hours/delivery")) {
        row = r;
      }
    }
    long n = (Long) get(row, Cols.N);
    // Whole customers of three responses each, at most the cap and close to it.
    assertEquals(0, n % 3, "n " + n);
    assertTrue(n <= 1000 && n >= 900, "n " + n);
    assertEquals((long) N, get(row, Cols.N_AVAILABLE));
    assertEquals("found", get(row, Cols.STATUS));
  }
}
