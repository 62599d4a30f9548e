package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cx.jobs.testing.GoldenJson;
import org.junit.jupiter.api.Test;

class DirectionTest {

  @Test
  void coefficientsMatchNumpy() {
    double[][] corr = Golden.moments(true).correlationMatrix();
    assertClose(
        GoldenJson.vector(Golden.root().get("weighted").get("beta")),
        Direction.coefficients(corr, 5),
        "standardized coefficients");
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, Direction.of(corr, 5));
  }

  @Test
  void signOfTheCoefficientNotOfTheCorrelation() {
    // Driver 1 correlates positively with the target (0.3) but, given driver 0, hurts it
    // (a suppressor): β = (0.3 - 0.8·0.6) / (1 - 0.64) < 0.
    double[][] corr = {
      {1, 0.8, 0.6},
      {0.8, 1, 0.3},
      {0.6, 0.3, 1},
    };
    assertArrayEquals(new int[] {1, -1}, Direction.of(corr, 2));
  }

  @Test
  void zeroCoefficientFallsBackToTheCorrelation() {
    // Driver 1's correlation with the target (-0.3) is entirely driver 0's (-0.5 · 0.6), so its
    // coefficient is 0 (up to rounding, of either sign): the zero-order correlation decides.
    double[][] corr = {
      {1, -0.5, 0.6},
      {-0.5, 1, -0.3},
      {0.6, -0.3, 1},
    };
    assertArrayEquals(new int[] {1, -1}, Direction.of(corr, 2));
    // Coefficient and correlation both 0: +1 by convention.
    double[][] unrelated = {
      {1, 0, 0.5},
      {0, 1, 0},
      {0.5, 0, 1},
    };
    assertArrayEquals(new int[] {1, 1}, Direction.of(unrelated, 2));
  }

  @Test
  void identicalDriversShareTheCoefficient() {
    // Singular R_xx: the pseudo-inverse splits β = -0.4 into -0.2 each, keeping the sign.
    double[][] twins = {
      {1, 1, -0.4},
      {1, 1, -0.4},
      {-0.4, -0.4, 1},
    };
    assertArrayEquals(new int[] {-1, -1}, Direction.of(twins, 2));
    assertClose(new double[] {-0.2, -0.2}, Direction.coefficients(twins, 2), "split");
  }
}
