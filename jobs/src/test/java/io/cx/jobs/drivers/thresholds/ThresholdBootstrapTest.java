package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ThresholdBootstrap: the replicate search, the interval's ends, the dropped-replicate rule. */
class ThresholdBootstrapTest {

  @Test
  void unitWeightsGiveTheFindersSplit() {
    Random rnd = new Random(11);
    for (int world = 0; world < 20; world++) {
      int n = 200 + rnd.nextInt(300);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rnd.nextInt(80);
        y[i] = rnd.nextInt(5) / 4.0 - (x[i] > 30 ? 0.1 : 0);
      }
      SortedSample s = SortedSample.of(x, y);
      int[] cuts = ThresholdFinder.candidateCuts(s.xs(), 30);
      int[] ones = new int[n];
      Arrays.fill(ones, 1);
      int best = ThresholdBootstrap.bestCut(s.ys(), ones, cuts, 30);
      ThresholdResult r = new ThresholdFinder().withMinSide(30).withPermutations(99).find(s);
      if (r instanceof ThresholdResult.Found f) {
        assertEquals(f.threshold(), s.xs()[best - 1], "world " + world);
      } else {
        assertEquals(-1, best, "world " + world);
      }
    }
  }

  @Test
  void aSharpStepIsLocatedToTheNextObservedValue() {
    // Integer metric 0..59, score 1 up to 20 and 0 above: every replicate splits at 20, and a
    // true threshold anywhere in [20, 21) gives that split.
    int n = 600;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 60;
      y[i] = x[i] <= 20 ? 1 : 0;
    }
    SortedSample s = SortedSample.of(x, y);
    int[] cuts = ThresholdFinder.candidateCuts(s.xs(), 30);
    ThresholdBootstrap.Interval ci = ThresholdBootstrap.interval(s, cuts, 30, 200, 0.95, 42);
    assertEquals(new ThresholdBootstrap.Interval(20, 21, 200, 0), ci);
    assertEquals(ci, ThresholdBootstrap.interval(s, cuts, 30, 200, 0.95, 42), "seeded");
  }

  @Test
  void noisyStepsGiveWiderIntervalsAroundTheFindersThreshold() {
    Random rnd = new Random(4);
    int n = 800;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.round(rnd.nextDouble() * 600) / 10.0;
      y[i] = 0.7 - (x[i] > 25 ? 0.15 : 0) + 0.2 * rnd.nextGaussian();
    }
    SortedSample s = SortedSample.of(x, y);
    int[] cuts = ThresholdFinder.candidateCuts(s.xs(), 30);
    ThresholdBootstrap.Interval ci = ThresholdBootstrap.interval(s, cuts, 30, 200, 0.95, 42);
    ThresholdResult.Found f =
        assertInstanceOf(
            ThresholdResult.Found.class, new ThresholdFinder().withPermutations(99).find(s));
    assertTrue(ci.low() <= f.threshold() && f.threshold() < ci.high(), ci + " " + f);
    assertTrue(ci.low() <= 25 && 25 < ci.high(), ci.toString());
    assertTrue(ci.high() - ci.low() > 1, "noise spreads the split: " + ci);
    assertEquals(200, ci.used() + ci.dropped());
  }

  @Test
  void noIntervalWhenManyReplicatesHaveNoSplit() {
    // 60 rows and 30 needed on each side: only the middle cut, which a resample leaves short of
    // 30 rows on one side about half of the time.
    double[] x = new double[60];
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      x[i] = i;
      y[i] = i < 30 ? 1 : 0;
    }
    SortedSample s = SortedSample.of(x, y);
    int[] cuts = ThresholdFinder.candidateCuts(s.xs(), 30);
    assertEquals(1, cuts.length);
    ThresholdBootstrap.Interval ci = ThresholdBootstrap.interval(s, cuts, 30, 200, 0.95, 1);
    assertTrue(Double.isNaN(ci.low()) && Double.isNaN(ci.high()), ci.toString());
    assertTrue(ci.dropped() > 0.1 * 200, ci.toString());
  }

  @Test
  void nextAboveSkipsTies() {
    SortedSample s = SortedSample.of(new double[] {3, 1, 2, 2, 5}, new double[5]);
    assertEquals(5, s.nextAbove(3));
    assertEquals(3, s.nextAbove(2));
    assertEquals(1, s.nextAbove(0.5));
    assertEquals(5, s.nextAbove(5), "nothing above the largest value");
    assertEquals(4, s.distinctX());
  }
}
