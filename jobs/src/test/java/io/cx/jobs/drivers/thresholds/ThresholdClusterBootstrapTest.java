package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The threshold's bootstrap resamples customers, not points: a customer's answers are not
 * independent, and one who answered four times the same way brings the evidence of one customer.
 */
class ThresholdClusterBootstrapTest {

  @Test
  void aCustomersPointsAreAlwaysDrawnTogether() {
    Random rnd = new Random(5);
    int n = 400;
    double[] x = new double[n];
    double[] y = new double[n];
    long[] customers = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextInt(60);
      y[i] = rnd.nextDouble();
      customers[i] = 1000 + rnd.nextInt(80);
    }
    SortedSample s = SortedSample.of(x, y, customers);
    int[] count = new int[n];
    Map<Long, Set<Integer>> seen = new HashMap<>();
    double total = 0;
    for (int b = 0; b < 200; b++) {
      ThresholdBootstrap.draw(s.customers(), b, 42, count);
      Map<Long, Integer> byCustomer = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Integer before = byCustomer.putIfAbsent(s.customers()[i], count[i]);
        assertTrue(
            before == null || before == count[i], "customer " + s.customers()[i] + ", rep " + b);
        seen.computeIfAbsent(s.customers()[i], c -> new HashSet<>()).add(count[i]);
        total += count[i];
      }
    }
    // Every customer's multiplicity varies over the replicates, around 1 on average.
    seen.forEach((c, counts) -> assertTrue(counts.size() > 1, "customer " + c + ": " + counts));
    assertEquals(1.0, total / (200.0 * n), 0.05);
  }

  @Test
  void repeatAnswersOfACustomerDoNotNarrowTheInterval() {
    // 300 customers on a noisy step at 25; then the same customers answering four times the same.
    Random rnd = new Random(4);
    int customers = 300;
    int repeats = 4;
    double[] x1 = new double[customers];
    double[] y1 = new double[customers];
    long[] c1 = new long[customers];
    double[] x4 = new double[customers * repeats];
    double[] y4 = new double[customers * repeats];
    long[] c4 = new long[customers * repeats];
    for (int c = 0; c < customers; c++) {
      x1[c] = Math.round(rnd.nextDouble() * 600) / 10.0;
      y1[c] = 0.7 - (x1[c] > 25 ? 0.15 : 0) + 0.2 * rnd.nextGaussian();
      c1[c] = 7L * c + 3;
      for (int k = 0; k < repeats; k++) {
        x4[c * repeats + k] = x1[c];
        y4[c * repeats + k] = y1[c];
        c4[c * repeats + k] = c1[c];
      }
    }
    int minSide = 30;
    SortedSample once = SortedSample.of(x1, y1, c1);
    int[] cuts = ThresholdFinder.candidateCuts(once.xs(), minSide);
    // The same candidate values in the repeated sample: each value's rows are four times as many.
    int[] cuts4 = new int[cuts.length];
    for (int i = 0; i < cuts.length; i++) {
      cuts4[i] = repeats * cuts[i];
    }
    ThresholdBootstrap.Interval single =
        ThresholdBootstrap.interval(once, cuts, minSide, 200, 0.95, 42);
    ThresholdBootstrap.Interval repeated =
        ThresholdBootstrap.interval(
            SortedSample.of(x4, y4, c4), cuts4, repeats * minSide, 200, 0.95, 42);
    assertTrue(single.high() - single.low() > 1, "noise spreads the split: " + single);
    assertEquals(single, repeated);
    // Resampling the points as if independent would claim a narrower interval.
    ThresholdBootstrap.Interval points =
        ThresholdBootstrap.interval(
            SortedSample.of(x4, y4), cuts4, repeats * minSide, 200, 0.95, 42);
    assertTrue(
        points.high() - points.low() < single.high() - single.low(), points + " vs " + single);
  }
}
