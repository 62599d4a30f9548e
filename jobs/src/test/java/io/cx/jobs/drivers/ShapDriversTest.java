package io.cx.jobs.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * shap_gbt on planted data: satisfaction rises with checkout (strongly) and delivery (less), not
 * with the payment score; customers who never needed support are more satisfied whatever support
 * would have scored; a delivery delay over 24 hours costs satisfaction, payment errors nothing.
 */
class ShapDriversTest {
  private static Map<String, Map<String, Object>> all;

  @BeforeAll
  static void run() {
    Random rnd = new Random(17);
    List<Map<String, Object>> responses = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double checkout = rnd.nextInt(5) / 4.0;
      double delivery = rnd.nextInt(5) / 4.0;
      double payment = rnd.nextInt(5) / 4.0;
      boolean supported = rnd.nextDouble() < 0.4;
      double delay = rnd.nextDouble() * 48;
      double sat =
          0.1
              + 0.5 * checkout
              + 0.25 * delivery
              + (supported ? 0 : 0.15)
              - (delay > 24 ? 0.1 : 0)
              + 0.03 * rnd.nextGaussian();
      Map<String, Object> r = new HashMap<>();
      r.put(Cols.RESPONSE_ID, "r" + i);
      r.put(Cols.SEGMENT, i % 2 == 0 ? "consumer" : "smb");
      r.put(FeatureNames.SATISFACTION, Math.min(1, Math.max(0, sat)));
      r.put(FeatureNames.RECOMMEND, (double) Math.round(10 * Math.min(1, Math.max(0, sat))));
      r.put(FeatureNames.touchpoint("checkout"), checkout);
      r.put(FeatureNames.touchpoint("delivery"), delivery);
      r.put(FeatureNames.touchpoint("payment"), payment);
      r.put(FeatureNames.touchpoint("support"), supported ? rnd.nextInt(5) / 4.0 : null);
      r.put(FeatureNames.metric("delay_hours"), i % 9 == 0 ? null : delay);
      r.put(FeatureNames.metric("payment_errors"), (double) rnd.nextInt(3));
      responses.add(r);
    }
    DriverAnalysis.Result result =
        DriverAnalysis.run(
            DriverTestData.features(DriverTestData.shop(), responses),
            List.of(DriverTestData.shop()),
            new DriverTestData.Options().replicates(20).methods(DriverOptions.SHAP_GBT).build(),
            DriverTestData.RUN_ID,
            DriverTestData.RUN_DATE);
    all = new HashMap<>();
    for (Map<String, Object> r : DriverTestData.maps(result.importance())) {
      assertEquals("shap_gbt", r.get(Cols.METHOD), "only the asked method");
      if (r.get(Cols.SEGMENT).equals(Cols.ALL) && r.get(Cols.TARGET).equals("satisfaction")) {
        all.put((String) r.get(Cols.DRIVER), r);
      }
    }
  }

  private static double share(String driver) {
    return (Double) all.get(driver).get(Cols.SHARE);
  }

  @Test
  void thePlantedDriversComeOutInThePlantedOrder() {
    assertTrue(share("checkout") > share("delivery"), all.toString());
    assertTrue(share("delivery") > 2 * share("payment"), all.toString());
    assertTrue(share("delay_hours") > 2 * share("payment_errors"), all.toString());
    assertEquals(
        1.0, all.values().stream().mapToDouble(r -> (Double) r.get(Cols.SHARE)).sum(), 1e-12);
  }

  @Test
  void notHavingExperiencedATouchpointIsInformationNotAZeroScore() {
    // Support's score does nothing; whether it was needed does: its SHAP carries that.
    assertTrue(share("support") > 2 * share("payment"), all.toString());
    assertEquals(800, (Long) all.get("support").get(Cols.N_DRIVER), 60.0);
  }

  @Test
  void driversNoMoreImportantThanAPureNoiseFeatureAreFlagged() {
    // The payment score and payment errors are unrelated to satisfaction: no more important than
    // the model's pure-noise feature. Every planted driver is above it.
    assertEquals(false, all.get("payment").get(Cols.ABOVE_NOISE), all.toString());
    assertEquals(false, all.get("payment_errors").get(Cols.ABOVE_NOISE), all.toString());
    for (String planted : List.of("checkout", "delivery", "support", "delay_hours")) {
      assertEquals(true, all.get(planted).get(Cols.ABOVE_NOISE), planted + ": " + all);
    }
    // The noise feature is not a driver: the shares of the drivers still sum to 1.
    assertEquals(6, all.size());
  }

  @Test
  void directionIsTheSignOfTheCorrelationWithTheTarget() {
    assertEquals(1, all.get("checkout").get(Cols.DIRECTION));
    assertEquals(-1, all.get("delay_hours").get(Cols.DIRECTION));
    assertEquals("metric", all.get("delay_hours").get(Cols.DRIVER_KIND));
    assertEquals(2000L, all.get("checkout").get(Cols.N));
  }
}
