package io.cx.jobs.analytics.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The binning rule on columns small enough to bin by hand. */
class FeatureBinsTest {
  private static final double NAN = Double.NaN;

  @Test
  void fewDistinctValuesGetABinEachWithMidpointThresholds() {
    assertArrayEquals(
        new double[] {1.5, 3.0, 4.0}, FeatureBins.thresholds(new double[] {4, 1, 2, 4, NAN}, 8));
  }

  @Test
  void manyDistinctValuesAreCutAtQuantiles() {
    // n = 10, maxBins 4: edges s[ceil(k * 10 / 4) - 1] for k = 1, 2, 3 = s[2], s[4], s[7] = 3, 5,
    // 8.
    double[] x = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assertArrayEquals(new double[] {3.5, 5.5, 8.5, 10}, FeatureBins.thresholds(x, 4));
  }

  @Test
  void repeatedQuantilesAreMerged() {
    // 5 distinct values > 4 bins; edges s[2] = 1, s[4] = 1, s[7] = 3 -> 1 and 3; next values 2, 4.
    double[] x = {1, 1, 1, 1, 1, 1, 2, 3, 4, 5};
    assertArrayEquals(new double[] {1.5, 3.5, 5}, FeatureBins.thresholds(x, 4));
  }

  @Test
  void negativeZeroIsZeroAndAllNanHasOneEmptyBin() {
    assertArrayEquals(new double[] {0.5, 1}, FeatureBins.thresholds(new double[] {-0.0, 0, 1}, 8));
    assertArrayEquals(new double[] {0.0}, FeatureBins.thresholds(new double[] {NAN, NAN}, 8));
  }

  @Test
  void midpointStaysBelowTheNextValue() {
    double a = 1.0;
    double b = Math.nextUp(a);
    double m = FeatureBins.midpoint(a, b);
    assertTrue(m >= a && m < b, "midpoint " + m);
    assertEquals(2.5, FeatureBins.midpoint(2, 3));
  }

  @Test
  void binsSplitRowsAsTheThresholdsDo() {
    double[] x = {3, NAN, 1, 2, 2, 7};
    TrainingSet data =
        TrainingSet.ofColumns(
            new double[][] {x, {2, 0, 1, 1, 0, 2}}, new double[6], null, new int[] {0, 3});
    FeatureBins bins = FeatureBins.of(data, 32);
    assertArrayEquals(new short[] {2, 4, 0, 1, 1, 3}, bins.column(0), "NaN has the last bin");
    assertArrayEquals(new short[] {2, 0, 1, 1, 0, 2}, bins.column(1), "a level is its bin");
    assertEquals(5, bins.histogramSize(0));
    assertEquals(3, bins.histogramSize(1));
    assertEquals(5, bins.offset(1));
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < x.length; i++) {
        assertEquals(x[i] <= bins.threshold(0, t), bins.column(0)[i] <= t, "row " + i);
      }
    }
  }
}
