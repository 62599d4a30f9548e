package io.cx.jobs.drivers.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Simulated runs with planted shapes: in each, two pairs whose score drops by a step at a known
 * threshold, two whose score falls linearly with the metric (no threshold) and two unrelated pairs.
 * The step pairs must come out {@code step} with an interval covering the planted threshold, the
 * linear ones {@code linear} and the unrelated ones {@code none}. The old rule (a threshold
 * whenever the permutation p-value of the best split is at most alpha) called every linear pair a
 * threshold; the count is printed beside the new one.
 */
class TippingPointsSimulationTest {
  private static final int RUNS = 12;
  private static final int N = 1200;
  private static final double ALPHA = 0.05;

  @Test
  void stepsAreTippingPointsLinesAndNoiseAreNot() {
    int steps = 0;
    int stepsFound = 0;
    int covered = 0;
    int linears = 0;
    int linearCalledStep = 0;
    int linearCalledLinear = 0;
    int linearOldRuleFound = 0;
    int nulls = 0;
    int nullCalledNone = 0;
    int nullOldRuleFound = 0;
    TippingPoints tipping =
        new TippingPoints(new ThresholdFinder().withPermutations(199).withSeed(42), 200, ALPHA);
    for (int run = 0; run < RUNS; run++) {
      Random rnd = new Random(7_000 + run);
      double[] planted = new double[2];
      PairOutcome[] outcomes = new PairOutcome[6];
      for (int k = 0; k < 2; k++) {
        double tau = 12 + 24 * rnd.nextDouble();
        planted[k] = tau;
        outcomes[k] = pair(rnd, x -> x > tau ? -0.25 : 0, tipping);
      }
      for (int k = 2; k < 4; k++) {
        double slope = -(0.004 + 0.004 * rnd.nextDouble());
        outcomes[k] = pair(rnd, x -> slope * x, tipping);
      }
      for (int k = 4; k < 6; k++) {
        outcomes[k] = pair(rnd, x -> 0, tipping);
      }
      TippingPoints.Verdict[] verdicts = tipping.classify(outcomes);
      for (int k = 0; k < 6; k++) {
        boolean oldFound =
            outcomes[k].split() instanceof ThresholdResult.Found f && f.pValue() <= ALPHA;
        String shape = verdicts[k].shape();
        if (k < 2) {
          steps++;
          if (verdicts[k].tippingPoint()) {
            stepsFound++;
            ThresholdBootstrap.Interval ci = outcomes[k].interval();
            if (ci.low() <= planted[k] && planted[k] < ci.high()) {
              covered++;
            }
          }
        } else if (k < 4) {
          linears++;
          linearCalledStep += TippingPoints.STEP.equals(shape) ? 1 : 0;
          linearCalledLinear += TippingPoints.LINEAR.equals(shape) ? 1 : 0;
          linearOldRuleFound += oldFound ? 1 : 0;
        } else {
          nulls++;
          nullCalledNone += TippingPoints.NONE.equals(shape) ? 1 : 0;
          nullOldRuleFound += oldFound ? 1 : 0;
        }
      }
    }
    String figures =
        String.format(
            "steps found %d/%d, interval covers the planted threshold %d/%d; linear called step"
                + " %d/%d, linear %d/%d (old rule: found %d/%d); unrelated none %d/%d (old rule:"
                + " found %d/%d)",
            stepsFound,
            steps,
            covered,
            stepsFound,
            linearCalledStep,
            linears,
            linearCalledLinear,
            linears,
            linearOldRuleFound,
            linears,
            nullCalledNone,
            nulls,
            nullOldRuleFound,
            nulls);
    System.out.println("TippingPointsSimulationTest: " + figures);
    assertEquals(steps, stepsFound, figures);
    assertTrue(covered >= 0.85 * stepsFound, figures);
    assertTrue(linearCalledStep <= 2, figures);
    assertTrue(linearCalledLinear >= linears - 2, figures);
    assertTrue(nullCalledNone >= nulls - 2, figures);
  }

  /**
   * One pair: delivery-delay-like metric (exponential, mean 20, tenths), a 1..5 score normalised to
   * 0..1 around 0.75 with the planted effect.
   */
  private static PairOutcome pair(Random rnd, DoubleUnaryOperator effect, TippingPoints tipping) {
    double[] x = new double[N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = Math.round(-200 * Math.log(1 - rnd.nextDouble())) / 10.0;
      double latent = 0.75 + effect.applyAsDouble(x[i]) + 0.2 * rnd.nextGaussian();
      y[i] = Math.max(0, Math.min(4, Math.round(latent * 4))) / 4.0;
    }
    return tipping.search(x, y);
  }
}
