package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuadrantTest {

  @Test
  void classifiesAroundTheMeanCrosshair() {
    double[] share = {0.4, 0.3, 0.2, 0.1};
    double[] performance = {0.9, 0.5, 0.8, 0.6};
    // Crosshair at (0.25, 0.7).
    Crosshair c = Crosshair.means(share, performance);
    assertEquals(0.25, c.share(), 1e-15);
    assertEquals(0.7, c.performance(), 1e-15);
    assertArrayEquals(
        new Quadrant[] {
          Quadrant.KEEP_UP,
          Quadrant.CONCENTRATE_HERE,
          Quadrant.POSSIBLE_OVERKILL,
          Quadrant.LOW_PRIORITY
        },
        Quadrant.of(share, performance));
  }

  @Test
  void fixedCrosshairAndTies() {
    Crosshair c = Crosshair.fixed(0.2, 0.75);
    assertEquals(Quadrant.KEEP_UP, Quadrant.of(0.2, 0.75, c), "on the crosshair counts as high");
    assertEquals(Quadrant.CONCENTRATE_HERE, Quadrant.of(0.5, 0.74, c));
    assertEquals(Quadrant.LOW_PRIORITY, Quadrant.of(0.19, 0.1, c));
    assertEquals(Quadrant.POSSIBLE_OVERKILL, Quadrant.of(0.0, 1.0, c));
  }

  @Test
  void missingValuesHaveNoQuadrantAndDoNotMoveTheCrosshair() {
    double[] share = {0.6, Double.NaN, 0.2};
    double[] performance = {0.4, 0.9, 0.8};
    Crosshair c = Crosshair.means(share, performance);
    assertEquals(0.4, c.share(), 1e-15);
    assertEquals(0.6, c.performance(), 1e-15);
    Quadrant[] q = Quadrant.of(share, performance);
    assertEquals(Quadrant.CONCENTRATE_HERE, q[0]);
    assertNull(q[1]);
    assertEquals(Quadrant.POSSIBLE_OVERKILL, q[2]);
    assertThrows(
        IllegalArgumentException.class, () -> Quadrant.of(Double.NaN, 0.5, Crosshair.fixed(0, 0)));
  }

  @Test
  void contractStrings() {
    assertEquals("keep_up", Quadrant.KEEP_UP.id());
    assertEquals("concentrate_here", Quadrant.CONCENTRATE_HERE.id());
    assertEquals("low_priority", Quadrant.LOW_PRIORITY.id());
    assertEquals("possible_overkill", Quadrant.POSSIBLE_OVERKILL.id());
  }
}
