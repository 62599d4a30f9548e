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
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap of the driver statistics resamples customers, not responses. A customer who
 * answered four times the same way brings the evidence of one customer with four times the weight:
 * the intervals must be those of the same customers answering once. Resampling responses would
 * treat the four answers as independent and give intervals about half as wide.
 */
class ClusterBootstrapTest {
  private static final int CUSTOMERS = 160;
  private static final int REPEATS = 4;

  @Test
  void repeatAnswersOfACustomerDoNotNarrowTheIntervals() {
    Random rnd = new Random(11);
    List<Map<String, Object>> once = new ArrayList<>();
    List<Map<String, Object>> fourTimes = new ArrayList<>();
    for (int c = 0; c < CUSTOMERS; c++) {
      double checkout = rnd.nextInt(5) / 4.0;
      double payment = rnd.nextInt(5) / 4.0;
      double delivery = rnd.nextInt(5) / 4.0;
      double support = rnd.nextInt(5) / 4.0;
      double sat =
          Math.min(
              1,
              Math.max(
                  0,
                  0.1
                      + 0.3 * checkout
                      + 0.1 * payment
                      + 0.3 * delivery
                      + 0.1 * support
                      + 0.15 * rnd.nextGaussian()));
      for (int k = 0; k < REPEATS; k++) {
        Map<String, Object> r = new HashMap<>();
        r.put(Cols.RESPONSE_ID, "r" + c + "-" + k);
        r.put(Cols.CUSTOMER_ID, "c" + c);
        r.put(Cols.SEGMENT, "consumer");
        r.put(FeatureNames.touchpoint("checkout"), checkout);
        r.put(FeatureNames.touchpoint("payment"), payment);
        r.put(FeatureNames.touchpoint("delivery"), delivery);
        r.put(FeatureNames.touchpoint("support"), support);
        r.put(FeatureNames.SATISFACTION, sat);
        r.put(FeatureNames.RECOMMEND, (double) Math.round(10 * sat));
        fourTimes.add(r);
        if (k == 0) {
          once.add(r);
        }
      }
    }
    Map<String, double[]> single = intervals(once);
    Map<String, double[]> repeated = intervals(fourTimes);
    assertEquals(single.keySet(), repeated.keySet());
    assertEquals(2 * 2 * 4, single.size(), single.keySet().toString());
    single.forEach(
        (key, s) -> {
          double[] r = repeated.get(key);
          assertTrue(s[1] - s[0] > 0.01, key + " has a degenerate interval");
          assertEquals(s[0], r[0], 1e-9, key + " ci_low");
          assertEquals(s[1], r[1], 1e-9, key + " ci_high");
        });
  }

  /** target/method/driver to (ci_low, ci_high) of the shares, segment ALL. */
  private static Map<String, double[]> intervals(List<Map<String, Object>> responses) {
    DriverAnalysis.Result result =
        DriverAnalysis.run(
            DriverTestData.features(DriverTestData.shop(), responses),
            List.of(DriverTestData.shop()),
            DriverTestData.options(50, DriverOptions.LMG, DriverOptions.RELATIVE_WEIGHT),
            DriverTestData.RUN_ID,
            DriverTestData.RUN_DATE);
    Map<String, double[]> out = new TreeMap<>();
    for (Row r : result.importance().where(Cols.SEGMENT + " = 'ALL'").collectAsList()) {
      if (r.isNullAt(r.fieldIndex(Cols.CI_LOW))) {
        continue;
      }
      out.put(
          r.getAs(Cols.TARGET) + "/" + r.getAs(Cols.METHOD) + "/" + r.getAs(Cols.DRIVER),
          new double[] {r.getAs(Cols.CI_LOW), r.getAs(Cols.CI_HIGH)});
    }
    return out;
  }
}
