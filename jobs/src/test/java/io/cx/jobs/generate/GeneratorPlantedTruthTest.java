package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.jobs.generate.GeneratedSample.Ev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every planted property of truth.json holds in the generated rows, measured directly from the CSV
 * files with the journey map's window (30 days before the survey), not from the generator's own
 * objects.
 */
class GeneratorPlantedTruthTest {
  private static final long DAY = 86_400L;
  private final GeneratedSample s = GeneratedSample.get();

  private long submitted(List<String> wideRow) {
    return GeneratedSample.epoch(wideRow.get(2));
  }

  @Test
  void deliveryScoreDropsByAboutThePlantedStepAboveTheThreshold() {
    Truth.Threshold t = s.truth.thresholds().get(0);
    assertEquals("delivery_delay_hours", t.metric());
    double[] sum = new double[2];
    int[] n = new int[2];
    for (List<String> r : s.wide.rows()) {
      Double score = s.score(r, "q_delivery");
      List<Ev> deliveries = s.lookback(r.get(1), "delivery_completed", submitted(r));
      if (score != null && !deliveries.isEmpty()) {
        double max = deliveries.stream().mapToDouble(Ev::value).max().orElseThrow();
        int side = max > t.threshold() ? 1 : 0;
        sum[side] += score;
        n[side]++;
      }
    }
    double below = sum[0] / n[0];
    double above = sum[1] / n[1];
    assertEquals(t.observedMeanAtOrBelow(), below, 1e-3);
    assertEquals(t.observedMeanAbove(), above, 1e-3);
    assertEquals(t.nAbove(), n[1]);
    assertEquals(-1.5, t.effect());
    assertEquals(t.effect(), above - below, 0.35, "step " + (above - below));
    assertTrue(n[1] > 300 && n[0] > 1000, Arrays.toString(n));
  }

  @Test
  void checkoutSearchAndSupportScoresFallWithTheirMetrics() {
    assertSlope("q_checkout", "payment_error", false, -0.6, 0.15);
    assertSlope("q_search", "search_no_result", false, -0.35, 0.1);
    assertSlope("q_support", "call_center_contact", true, -0.005, 0.0015);
  }

  /** Slope of a question's score on a metric: the count of events, or the p90 of their values. */
  private void assertSlope(
      String question, String event, boolean p90, double planted, double tolerance) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (List<String> r : s.wide.rows()) {
      Double score = s.score(r, question);
      List<Ev> evs = s.lookback(r.get(1), event, submitted(r));
      if (score != null && (!p90 || !evs.isEmpty())) {
        x.add(new double[] {p90 ? p90(evs) : evs.size()});
        y.add(score);
      }
    }
    double slope = LeastSquares.slopes(x, y)[0];
    assertEquals(planted, slope, tolerance, question + " slope " + slope);
  }

  private static double p90(List<Ev> evs) {
    double[] v = evs.stream().mapToDouble(Ev::value).sorted().toArray();
    double rank = 0.9 * (v.length - 1);
    int lo = (int) rank;
    return v[lo] + (rank - lo) * (v[Math.min(lo + 1, v.length - 1)] - v[lo]);
  }

  @Test
  void supportIsRatedOnlyAfterACallInTheWindow() {
    int rated = 0;
    int calledButSkipped = 0;
    for (List<String> r : s.wide.rows()) {
      boolean called = !s.lookback(r.get(1), "call_center_contact", submitted(r)).isEmpty();
      boolean answered = s.score(r, "q_support") != null;
      assertTrue(called || !answered, "support rated without a call: " + r);
      rated += answered ? 1 : 0;
      calledButSkipped += called && !answered ? 1 : 0;
    }
    assertTrue(rated > 500, "support ratings " + rated);
    assertTrue(calledButSkipped > 0, "some callers skip the question too");
    assertEquals(s.truth.touchpoints().get("support").answered(), rated);
  }

  @Test
  void overallSatisfactionDriversComeOutInThePlantedOrder() {
    List<String> three = List.of("q_search", "q_checkout", "q_delivery");
    assertEquals(
        List.of("delivery", "checkout", "search", "support"),
        s.truth.satisfaction().expectedOrder());
    assertEquals(List.of("delivery", "checkout", "search"), order(three, "q_overall", null));
    assertEquals(List.of("delivery", "checkout", "search"), order(three, "q_nps", null));
    assertEquals(List.of("checkout", "delivery", "search"), order(three, "q_overall", "business"));
    assertEquals(
        List.of("checkout", "delivery", "search", "support"),
        s.truth.satisfaction().segmentExpectedOrder().get("business"));
    List<String> four = List.of("q_search", "q_checkout", "q_delivery", "q_support");
    assertEquals(s.truth.satisfaction().expectedOrder(), order(four, "q_overall", null));
  }

  /** Touchpoints by decreasing OLS coefficient of the target on their scores (complete cases). */
  private List<String> order(List<String> drivers, String target, String segment) {
    Map<String, String> segmentOf = new HashMap<>();
    s.customers.rows().forEach(c -> segmentOf.put(c.get(0), c.get(1)));
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (List<String> r : s.wide.rows()) {
      if (segment != null && !segment.equals(segmentOf.get(r.get(1)))) {
        continue;
      }
      double[] row = new double[drivers.size()];
      boolean complete = s.score(r, target) != null;
      for (int j = 0; j < drivers.size() && complete; j++) {
        Double v = s.score(r, drivers.get(j));
        complete = v != null;
        row[j] = complete ? v : 0;
      }
      if (complete) {
        x.add(row);
        y.add(s.score(r, target));
      }
    }
    double[] b = LeastSquares.slopes(x, y);
    List<String> ids = new ArrayList<>(drivers);
    ids.sort((p, q) -> Double.compare(b[drivers.indexOf(q)], b[drivers.indexOf(p)]));
    return ids.stream().map(q -> q.substring(2)).toList();
  }

  @Test
  void aHaloLinksRatingsOfUnrelatedTouchpoints() {
    List<double[]> pairs = new ArrayList<>();
    for (List<String> r : s.wide.rows()) {
      Double search = s.score(r, "q_search");
      Double delivery = s.score(r, "q_delivery");
      if (search != null && delivery != null) {
        pairs.add(new double[] {search, delivery});
      }
    }
    // Search and delivery experiences are independent; only the halo (and a small segment shift)
    // links their ratings: corr ~ halo variance / (sd search x sd delivery).
    double halo = s.truth.haloSd();
    double expected = halo * halo / (sd(pairs, 0) * sd(pairs, 1));
    double corr = LeastSquares.correlation(pairs);
    assertEquals(expected, corr, 0.05, "search/delivery correlation");
    assertTrue(corr > 0.05, "correlation " + corr);
  }

  private static double sd(List<double[]> rows, int col) {
    double sum = 0;
    double sumSq = 0;
    for (double[] r : rows) {
      sum += r[col];
      sumSq += r[col] * r[col];
    }
    double mean = sum / rows.size();
    return Math.sqrt(sumSq / rows.size() - mean * mean);
  }

  @Test
  void npsFollowsOverallAndEffortFollowsCheckout() {
    List<double[]> overallNps = new ArrayList<>();
    List<double[]> x = new ArrayList<>();
    List<Double> effort = new ArrayList<>();
    for (List<String> r : s.wide.rows()) {
      Double o = s.score(r, "q_overall");
      Double n = s.score(r, "q_nps");
      Double e = s.score(r, "q_effort");
      Double c = s.score(r, "q_checkout");
      Double d = s.score(r, "q_delivery");
      if (n != null) {
        overallNps.add(new double[] {o, n});
      }
      if (e != null && c != null && d != null) {
        x.add(new double[] {c, d});
        effort.add(e);
      }
    }
    assertTrue(LeastSquares.correlation(overallNps) > 0.7);
    double[] b = LeastSquares.slopes(x, effort);
    assertTrue(b[0] > 0.5 && b[0] > 5 * Math.abs(b[1]), Arrays.toString(b));
    assertEquals(List.of("checkout", "support"), s.truth.effort().expectedOrder());
  }

  @Test
  void segmentsAndRegionsHaveThePlantedSizesAndValues() {
    Map<String, List<Double>> values = new HashMap<>();
    Map<String, Integer> regions = new HashMap<>();
    for (List<String> c : s.customers.rows()) {
      values.computeIfAbsent(c.get(1), k -> new ArrayList<>()).add(Double.valueOf(c.get(4)));
      regions.merge(c.get(2), 1, Integer::sum);
    }
    double n = s.customers.rows().size();
    s.truth
        .segments()
        .forEach(
            (id, seg) -> {
              assertEquals(seg.customers(), values.get(id).size());
              assertEquals(seg.share(), values.get(id).size() / n, 0.04, id);
              double median = median(values.get(id));
              assertEquals(seg.annualValueMedian(), median, seg.annualValueMedian() * 0.15, id);
            });
    s.truth.regions().forEach((id, reg) -> assertEquals(reg.customers(), regions.get(id), id));
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[a.length / 2];
  }

  @Test
  void kpiDropIsInThePlantedWeekOnCheckoutOnly() {
    Truth.KpiDrop drop = s.truth.kpiDrop();
    assertEquals("2024-06-10", drop.weekStart());
    assertEquals("2024-06-16", drop.weekEnd());
    double checkout = weekDelta("q_checkout", drop);
    assertEquals(drop.observedDelta(), checkout, 1e-3);
    assertEquals(drop.delta(), checkout, 0.3, "checkout drop " + checkout);
    for (String other : List.of("q_search", "q_delivery", "q_overall")) {
      double delta = weekDelta(other, drop);
      assertTrue(Math.abs(delta) < 0.3, other + " moved by " + delta);
    }
  }

  /** Mean score in the drop week minus the mean in every other week. */
  private double weekDelta(String question, Truth.KpiDrop drop) {
    long start = GeneratedSample.epoch(drop.weekStart() + "T00:00:00Z");
    double[] sum = new double[2];
    int[] n = new int[2];
    for (List<String> r : s.wide.rows()) {
      Double v = s.score(r, question);
      if (v != null) {
        int in = submitted(r) >= start && submitted(r) < start + 7 * DAY ? 1 : 0;
        sum[in] += v;
        n[in]++;
      }
    }
    assertTrue(n[1] > 80, "answers in the drop week: " + n[1]);
    return sum[1] / n[1] - sum[0] / n[0];
  }
}
