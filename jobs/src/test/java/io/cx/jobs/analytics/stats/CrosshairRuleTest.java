package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The crosshair rule both writers of driver_importance follow. Shares (0.5, 0.3, 0.2) and
 * performances (0.4, 0.8, 0.9): means 1/3 and 0.7, so by hand: 0.5 >= 1/3 and 0.4 < 0.7 is
 * concentrate_here, 0.3 < 1/3 and 0.8 >= 0.7 possible_overkill, 0.2 likewise.
 */
class CrosshairRuleTest {
  private static final double[] SHARES = {0.5, 0.3, 0.2};
  private static final double[] PERFORMANCE = {0.4, 0.8, 0.9};

  @Test
  void atTheMeansUnlessTheConfigFixesACoordinate() {
    assertArrayEquals(
        new Quadrant[] {
          Quadrant.CONCENTRATE_HERE, Quadrant.POSSIBLE_OVERKILL, Quadrant.POSSIBLE_OVERKILL
        },
        CrosshairRule.MEANS.quadrants(SHARES, PERFORMANCE));
    // A fixed share of 0.25 makes the second driver important; performance stays at the mean 0.7.
    assertArrayEquals(
        new Quadrant[] {Quadrant.CONCENTRATE_HERE, Quadrant.KEEP_UP, Quadrant.POSSIBLE_OVERKILL},
        new CrosshairRule(0.25, null).quadrants(SHARES, PERFORMANCE));
    // Both fixed: share 0.1 (all important), performance 0.85 (only the third performs).
    assertArrayEquals(
        new Quadrant[] {Quadrant.CONCENTRATE_HERE, Quadrant.CONCENTRATE_HERE, Quadrant.KEEP_UP},
        new CrosshairRule(0.1, 0.85).quadrants(SHARES, PERFORMANCE));
  }

  @Test
  void aDriverWithoutBothValuesHasNoQuadrantNorDoesAnyWhenNoMeanExists() {
    double[] shares = {0.6, Double.NaN};
    double[] performance = {0.5, 0.9};
    assertArrayEquals(
        new Quadrant[] {Quadrant.KEEP_UP, null},
        CrosshairRule.MEANS.quadrants(shares, performance));
    double[] none = {Double.NaN, Double.NaN};
    assertArrayEquals(new Quadrant[2], CrosshairRule.MEANS.quadrants(none, performance));
    assertArrayEquals(new Quadrant[2], new CrosshairRule(0.5, null).quadrants(none, performance));
    // With both coordinates fixed no mean is needed: the drivers with values still get no quadrant
    // only because they have none.
    assertArrayEquals(new Quadrant[2], new CrosshairRule(0.5, 0.5).quadrants(none, performance));
  }
}
