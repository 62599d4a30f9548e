package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** ThresholdFinder: planted steps, pure noise, hand-worked numbers, the min-side rule. */
class ThresholdFinderTest {

  @Test
  void findsAPlantedStepAt24Hours() {
    Random rnd = new Random(3);
    int n = 800;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -20 * Math.log(1 - rnd.nextDouble()); // delivery delay, exponential, mean 20 h
      y[i] = clip(0.8 - (x[i] > 24 ? 0.3 : 0) + 0.15 * rnd.nextGaussian());
    }
    ThresholdResult.Found f =
        assertInstanceOf(ThresholdResult.Found.class, new ThresholdFinder().find(x, y));
    assertEquals(24, f.threshold(), 2.4, "within 10 % of the planted step");
    assertTrue(f.pValue() < 0.01, "p = " + f.pValue());
    assertEquals(0.001, f.pValue(), 1e-15, "no permutation of 999 comes close");
    assertEquals(0.3, f.drop(), 0.05);
    assertEquals(n, f.nBelow() + f.nAbove());
    assertEquals(999, f.permutations());
    assertTrue(f.tStatistic() > 10);
  }

  @Test
  void pureNoiseGivesRoughlyUniformPValues() {
    int datasets = 200;
    int below05 = 0;
    int below50 = 0;
    for (int s = 0; s < datasets; s++) {
      Random rnd = new Random(1000 + s);
      int n = 150;
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = -20 * Math.log(1 - rnd.nextDouble());
        y[i] = rnd.nextInt(5) / 4.0; // a 1..5 score, normalised: many ties
      }
      ThresholdResult r = new ThresholdFinder().withPermutations(99).withSeed(s).find(x, y);
      // No drop at all is the least significant outcome: count it as p = 1.
      double p = r instanceof ThresholdResult.Found f ? f.pValue() : 1.0;
      below05 += p < 0.05 ? 1 : 0;
      below50 += p < 0.5 ? 1 : 0;
    }
    double share05 = below05 / (double) datasets;
    double share50 = below50 / (double) datasets;
    assertTrue(share05 >= 0.01 && share05 <= 0.10, "share of p < 0.05: " + share05);
    assertTrue(share50 >= 0.35 && share50 <= 0.65, "share of p < 0.5: " + share50);
  }

  @Test
  void handWorkedExample() {
    // 12 rows, min side 3. Values of 1..12 from the 5 % to the 95 % quantile that leave 3 rows
    // each side: 3, 4, 5, 6, 7, 8, 9. The scores drop after x = 6, where t is largest (7.60 by
    // hand:
    // means 5.5/6 and 1.25/6, pooled variance (1/12 + 17/96) / 10).
    double[] x = {7, 1, 12, 2, 3, 4, 5, 6, 8, 9, 10, 11};
    double[] y = {0.25, 1, 0, 1, 1, 0.75, 1, 0.75, 0.5, 0.25, 0, 0.25};
    ThresholdResult.Found f =
        assertInstanceOf(
            ThresholdResult.Found.class, new ThresholdFinder().withMinSide(3).find(x, y));
    assertEquals(6, f.threshold());
    assertEquals(5.5 / 6, f.scoreBelow(), 1e-15);
    assertEquals(1.25 / 6, f.scoreAbove(), 1e-15);
    assertEquals(6, f.nBelow());
    assertEquals(6, f.nAbove());
    assertEquals(7, f.candidates());
    double pooledVar = (1.0 / 12 + 17.0 / 96) / 10;
    assertEquals((5.5 - 1.25) / 6 / Math.sqrt(pooledVar * (2.0 / 6)), f.tStatistic(), 1e-12);
  }

  @Test
  void pValueMatchesTheExactPermutationDistribution() {
    // n = 8: all 8! = 40320 permutations can be enumerated. Candidate splits (min side 2) put
    // 2, 3, 4, 5 or 6 rows below. Ties in y make equal statistics common.
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] y = {1, 0.75, 1, 0.5, 0.75, 0.25, 0.5, 0.25};
    int[] cuts = {2, 3, 4, 5, 6};
    double observed = maxT(y, cuts);
    int[] atLeast = {0};
    int[] total = {0};
    permute(
        y.clone(),
        0,
        perm -> {
          total[0]++;
          if (maxT(perm, cuts) >= observed * (1 - 1e-9)) {
            atLeast[0]++;
          }
        });
    assertEquals(40320, total[0]);
    double exact = atLeast[0] / 40320.0;

    ThresholdResult.Found f =
        assertInstanceOf(
            ThresholdResult.Found.class,
            new ThresholdFinder().withMinSide(2).withPermutations(39_999).find(x, y));
    assertEquals(5, f.candidates());
    assertEquals(observed, f.tStatistic(), 1e-9);
    // Monte Carlo standard error is below 0.0025 for any p; allow four of them.
    assertEquals(exact, f.pValue(), 0.01, "exact permutation p = " + exact);
  }

  @Test
  void minSideRule() {
    // The largest drop sits at x <= 10 (5 % of 200 rows), fewer than the 30 rows a side needs.
    int n = 200;
    double[] x = new double[n];
    double[] y = new double[n];
    Random rnd = new Random(5);
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      y[i] = i < 10 ? 1.0 : clip(0.5 + 0.1 * rnd.nextGaussian());
    }
    ThresholdResult.Found narrow =
        assertInstanceOf(
            ThresholdResult.Found.class,
            new ThresholdFinder().withMinSide(5).withPermutations(99).find(x, y));
    assertEquals(10, narrow.threshold());
    ThresholdResult.Found wide =
        assertInstanceOf(
            ThresholdResult.Found.class, new ThresholdFinder().withPermutations(99).find(x, y));
    assertTrue(wide.nBelow() >= 30 && wide.nAbove() >= 30, wide.toString());
    assertEquals(141, wide.candidates(), "every value leaving 30 of 200 rows on each side");

    double[] x59 = new double[59];
    double[] y59 = new double[59];
    for (int i = 0; i < 59; i++) {
      x59[i] = i;
      y59[i] = i < 30 ? 1 : 0;
    }
    assertEquals(ThresholdResult.Reason.TOO_FEW_ROWS, reason(new ThresholdFinder().find(x59, y59)));

    // 90 rows at 0 and 10 at 1: the only possible split leaves 10 rows above.
    double[] tiedX = new double[100];
    double[] tiedY = new double[100];
    for (int i = 90; i < 100; i++) {
      tiedX[i] = 1;
    }
    assertEquals(
        ThresholdResult.Reason.NO_BALANCED_SPLIT, reason(new ThresholdFinder().find(tiedX, tiedY)));
  }

  @Test
  void emptyResultsSayWhy() {
    double[] x = new double[80];
    double[] y = new double[80];
    for (int i = 0; i < 80; i++) {
      y[i] = i % 2;
    }
    ThresholdResult.None none =
        assertInstanceOf(ThresholdResult.None.class, new ThresholdFinder().find(x, y));
    assertEquals(ThresholdResult.Reason.CONSTANT_X, none.reason());
    assertEquals("every x equals 0.0", none.detail());

    for (int i = 0; i < 80; i++) {
      x[i] = i;
      y[i] = i / 80.0; // the score rises with x
    }
    assertEquals(ThresholdResult.Reason.NO_DROP, reason(new ThresholdFinder().find(x, y)));
  }

  @Test
  void sameSeedSameAnswerAndInputsAreChecked() {
    Random rnd = new Random(8);
    double[] x = new double[120];
    double[] y = new double[120];
    for (int i = 0; i < 120; i++) {
      x[i] = rnd.nextDouble();
      y[i] = clip(0.6 - 0.1 * x[i] + 0.2 * rnd.nextGaussian());
    }
    ThresholdFinder finder = new ThresholdFinder().withPermutations(199).withSeed(4);
    assertEquals(finder.find(x, y), finder.find(x.clone(), y.clone()));

    double[] bad = y.clone();
    bad[7] = Double.NaN;
    assertEquals(
        "Cannot search a threshold: row 7 has x = "
            + x[7]
            + ", y = NaN;"
            + " drop rows with missing values first",
        assertThrows(IllegalArgumentException.class, () -> finder.find(x, bad)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> finder.find(x, new double[3]));
    assertThrows(IllegalArgumentException.class, () -> finder.withPermutations(0));
  }

  private static ThresholdResult.Reason reason(ThresholdResult r) {
    return assertInstanceOf(ThresholdResult.None.class, r).reason();
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** Largest pooled two-sample t over the splits, each from its two groups directly. */
  private static double maxT(double[] y, int[] cuts) {
    int n = y.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c : cuts) {
      double mb = mean(y, 0, c);
      double ma = mean(y, c, n);
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = y[i] - (i < c ? mb : ma);
        ss += d * d;
      }
      double t = (mb - ma) / Math.sqrt(ss / (n - 2) * (1.0 / c + 1.0 / (n - c)));
      max = Math.max(max, t);
    }
    return max;
  }

  private static double mean(double[] y, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += y[i];
    }
    return s / (to - from);
  }

  /** Calls {@code visit} with every permutation of {@code a} (Heap's algorithm, recursive). */
  private static void permute(double[] a, int k, java.util.function.Consumer<double[]> visit) {
    if (k == a.length) {
      visit.accept(a);
      return;
    }
    for (int i = k; i < a.length; i++) {
      swap(a, k, i);
      permute(a, k + 1, visit);
      swap(a, k, i);
    }
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
