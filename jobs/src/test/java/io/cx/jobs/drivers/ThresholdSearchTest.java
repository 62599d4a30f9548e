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
}
