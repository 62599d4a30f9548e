package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.jobs.churn.features.FeatureGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * driver_importance of target churn from the shared in-memory analysis ({@link AnalysedChurn}): the
 * planted drivers lead for both methods, with the row fields the contract asks for.
 */
class ChurnDriverImportanceTest {
  @Test
  void plantedDriversRankOnTopForBothMethods() {
    AnalysedChurn run = AnalysedChurn.get();
    for (String method : List.of("logit", "shap_gbt")) {
      List<Row> rows =
          run.drivers.stream()
              .filter(r -> r.getAs(Cols.METHOD).equals(method))
              .filter(r -> r.getAs(Cols.SEGMENT).equals(Cols.ALL))
              .sorted(
                  (a, b) ->
                      Double.compare(b.<Double>getAs(Cols.SHARE), a.<Double>getAs(Cols.SHARE)))
              .toList();
      // Touchpoints and metrics only: outcomes, tenure, value and segment are controls.
      assertEquals(
          Set.of("checkout", "delivery", "support", "payment_errors", "delay_hours"),
          rows.stream().map(r -> r.<String>getAs(Cols.DRIVER)).collect(Collectors.toSet()));
      Set<String> top3 =
          rows.subList(0, 3).stream()
              .map(r -> r.<String>getAs(Cols.DRIVER))
              .collect(Collectors.toSet());
      assertEquals(new HashSet<>(SimulatedChurn.PLANTED), top3, method + ": " + rows);
      double total = rows.stream().mapToDouble(r -> r.<Double>getAs(Cols.SHARE)).sum();
      assertEquals(1.0, total, 1e-9, method);
      Map<String, Row> byDriver = new HashMap<>();
      rows.forEach(r -> byDriver.put(r.getAs(Cols.DRIVER), r));
      assertEquals(1, byDriver.get("payment_errors").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals(1, byDriver.get("delay_hours").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals(-1, byDriver.get("delivery").<Integer>getAs(Cols.DIRECTION), method);
      assertEquals("touchpoint", byDriver.get("delivery").getAs(Cols.DRIVER_KIND));
      assertEquals("metric", byDriver.get("delay_hours").getAs(Cols.DRIVER_KIND));
      for (Row r : rows) {
        assertEquals("churn", r.getAs(Cols.TARGET));
        assertEquals("estimated", r.getAs(Cols.STATUS));
        assertEquals(AnalysedChurn.RUN_ID, r.getAs(Cols.RUN_ID));
        assertNull(r.getAs(Cols.KANO_CLASS));
        assertTrue(r.<Long>getAs(Cols.N_DRIVER) <= r.<Long>getAs(Cols.N));
        if (method.equals("logit")) {
          double share = r.getAs(Cols.SHARE);
          assertTrue(
              r.<Double>getAs(Cols.CI_LOW) <= share + 1e-12
                  && share <= r.<Double>getAs(Cols.CI_HIGH) + 1e-12,
              r.toString());
          assertEquals(50, r.<Integer>getAs(Cols.CI_REPLICATES));
          // The share's interval cannot include 0; the Wald test says whether the effect can be.
          double p = r.getAs(Cols.P_VALUE);
          assertTrue(p >= 0 && p <= 1, r.toString());
          if (SimulatedChurn.PLANTED.contains(r.<String>getAs(Cols.DRIVER))) {
            assertTrue(p < 1e-3, "planted driver " + r);
          }
        } else {
          assertNull(r.getAs(Cols.P_VALUE));
          assertNull(r.getAs(Cols.CI_LOW), "no interval for one fixed model's SHAP values");
          assertNull(r.getAs(Cols.CI_REPLICATES));
        }
      }
      assertTrue(byDriver.get("delivery").getAs(Cols.QUADRANT) != null);
      assertNull(byDriver.get("payment_errors").getAs(Cols.QUADRANT));
      assertNull(byDriver.get("payment_errors").getAs(Cols.PERFORMANCE));
      // Delivery is not answered by everyone; payment errors are never missing.
      assertTrue(
          byDriver.get("delivery").<Long>getAs(Cols.N_DRIVER)
              < byDriver.get("delivery").<Long>getAs(Cols.N));
      assertEquals(
          byDriver.get("payment_errors").<Long>getAs(Cols.N),
          byDriver.get("payment_errors").<Long>getAs(Cols.N_DRIVER));
    }
    // shap_gbt also per segment (consumer and business have enough rows).
    Set<String> segments =
        run.drivers.stream()
            .filter(r -> r.getAs(Cols.METHOD).equals("shap_gbt"))
            .map(r -> r.<String>getAs(Cols.SEGMENT))
            .collect(Collectors.toSet());
    assertTrue(
        segments.containsAll(List.of(Cols.ALL, "consumer", "business")), segments.toString());
    // The controls' importances are kept for the sidecar, one per group of the model.
    List<String> groups =
        run.fit.models().vectorizer().groups().stream().map(FeatureGroup::id).toList();
    assertTrue(groups.contains("satisfaction") && groups.contains("tenure"), groups.toString());
    assertEquals(groups.size(), run.fit.importance().get("logit").length);
    assertEquals(groups.size(), run.fit.importance().get("shap_gbt").length);
  }

  @Test
  void shapImportancesComeFromHeldOutRowsAndDriversNoLargerThanNoiseAreFlagged() {
    // Support's score is pure noise for churn (the planted log-odds has no support term, and the
    // satisfaction it feeds is a control of the model). Its mean |SHAP| is not 0 (trees split on
    // anything that lowers the loss of their sample), so a share alone would be read as a small
    // driver; against the pure-noise feature it is flagged. The planted drivers are above noise.
    AnalysedChurn run = AnalysedChurn.get();
    Map<String, Row> all = new HashMap<>();
    run.drivers.stream()
        .filter(r -> r.getAs(Cols.METHOD).equals("shap_gbt"))
        .filter(r -> r.getAs(Cols.SEGMENT).equals(Cols.ALL))
        .forEach(r -> all.put(r.getAs(Cols.DRIVER), r));
    System.out.println("churn shap_gbt ALL: " + all.values());
    Row support = all.get("support");
    assertTrue(support.<Double>getAs(Cols.IMPORTANCE) > 0, support.toString());
    assertEquals(false, support.getAs(Cols.ABOVE_NOISE), all.toString());
    for (String planted : SimulatedChurn.PLANTED) {
      assertEquals(true, all.get(planted).getAs(Cols.ABOVE_NOISE), planted + ": " + all);
    }
    // The note gives the noise feature's importance and says the rows were held out.
    String note = support.getAs(Cols.NOTE);
    assertTrue(note.contains("held-out") && note.contains("noise feature's importance"), note);
    // Every fit row is explained once, by the model of the other fold.
    assertEquals(run.fit.models().fitRows(), support.<Long>getAs(Cols.N));
    // The logit rows have no noise baseline.
    run.drivers.stream()
        .filter(r -> r.getAs(Cols.METHOD).equals("logit"))
        .forEach(r -> assertNull(r.getAs(Cols.ABOVE_NOISE), r.toString()));
  }
}
