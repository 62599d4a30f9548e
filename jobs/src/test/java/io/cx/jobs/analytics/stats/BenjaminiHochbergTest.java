package io.cx.jobs.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** BenjaminiHochberg by hand (the numpy golden is in TippingPointsGoldenTest). */
class BenjaminiHochbergTest {

  @Test
  void handWorked() {
    // m = 4 tests: raw m p / rank = 0.04, 0.04, 0.0533, 0.8; the step-up minimum keeps them.
    double[] q = BenjaminiHochberg.qValues(new double[] {0.8, 0.01, Double.NaN, 0.02, 0.04});
    assertArrayEquals(new double[] {0.8, 0.04, Double.NaN, 0.04, 0.16 / 3}, q, 1e-15);
    assertEquals(0, BenjaminiHochberg.qValues(new double[0]).length);
  }

  @Test
  void rejectsWhatIsNotAProbability() {
    assertEquals(
        "Cannot adjust p-values: 1.5 is not a probability; use NaN for no test",
        assertThrows(
                IllegalArgumentException.class,
                () -> BenjaminiHochberg.qValues(new double[] {0.1, 1.5}))
            .getMessage());
  }
}
