package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.testing.GoldenJson;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PenaltyRewardTest {

  @Test
  void coefficientsStandardErrorsAndClassesMatchNumpyLeastSquares() {
    JsonNode g = Golden.root().get("penalty_reward");
    double[][] scores = GoldenJson.matrix(g.get("scores"));
    double[] target = GoldenJson.vector(g.get("target"));
    int k = scores[0].length;
    double lowMax = g.get("low_max").asDouble();
    double highMin = g.get("high_min").asDouble();
    PairwiseMoments m = new PairwiseMoments(2 * k + 1);
    long[] boxes = new long[3 * k];
    double[] row = new double[2 * k + 1];
    for (int r = 0; r < scores.length; r++) {
      for (int t = 0; t < k; t++) {
        PenaltyReward.encode(scores[r][t], lowMax, highMin, row, t);
        PenaltyReward.count(scores[r][t], lowMax, highMin, boxes, t);
      }
      row[2 * k] = target[r];
      m.add(row);
    }
    List<PenaltyReward.Effect> effects = PenaltyReward.fit(m, KanoRule.DEFAULT, boxes);
    assertEquals(k, effects.size());
    for (int t = 0; t < k; t++) {
      PenaltyReward.Effect e = effects.get(t);
      assertClose(g.get("penalty").get(t).asDouble(), e.penalty(), "penalty " + t);
      assertClose(g.get("reward").get(t).asDouble(), e.reward(), "reward " + t);
      assertClose(g.get("penalty_se").get(t).asDouble(), e.penaltySe(), "penalty se " + t);
      assertClose(g.get("reward_se").get(t).asDouble(), e.rewardSe(), "reward se " + t);
      for (int b = 0; b < 3; b++) {
        assertEquals(g.get("boxes").get(t).get(b).asLong(), e.boxes()[b], "box " + b + " of " + t);
      }
      assertEquals(g.get("kano").get(t).asText(), e.kanoClass().id(), "class " + t);
    }
    // The design covers all four classes.
    assertEquals(
        List.of("basic", "excitement", "performance", "indifferent"),
        effects.stream().map(e -> e.kanoClass().id()).toList());
  }

  /** n responses, one touchpoint: bottom box with probability pLow, top box pHigh. */
  private static PenaltyReward.Effect planted(
      long seed, int n, double pLow, double pHigh, double penalty, double noise) {
    Random rnd = new Random(seed);
    PairwiseMoments m = new PairwiseMoments(3);
    long[] boxes = new long[3];
    double[] row = new double[3];
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      double score = u < pLow ? 0.0 : u < pLow + pHigh ? 1.0 : 0.5;
      PenaltyReward.encode(score, 0.25, 0.75, row, 0);
      PenaltyReward.count(score, 0.25, 0.75, boxes, 0);
      row[2] = 0.7 - penalty * row[0] + noise * rnd.nextGaussian();
      m.add(row);
    }
    return PenaltyReward.fit(m, KanoRule.DEFAULT, boxes).get(0);
  }

  @Test
  void aBoxBelowTheMinimumCountIsInsufficient() {
    // A strong, precisely estimated penalty, but only about 20 responses in the bottom box.
    PenaltyReward.Effect e = planted(3, 1000, 0.02, 0.4, 0.3, 0.02);
    assertTrue(e.boxes()[0] < 30, "bottom box " + e.boxes()[0]);
    assertEquals(
        KanoClass.BASIC,
        KanoRule.DEFAULT
            .withMinCount(1)
            .classify(e.penalty(), e.penaltySe(), e.reward(), e.rewardSe(), e.boxes()),
        "the evidence rule alone");
    assertEquals(KanoClass.INSUFFICIENT, e.kanoClass());
    assertNull(e.kanoClass().kanoClass());
    assertEquals("insufficient", e.kanoClass().status());
    // The same world with a bigger bottom box is classified.
    assertEquals(KanoClass.BASIC, planted(3, 1000, 0.2, 0.4, 0.3, 0.02).kanoClass());
  }

  @Test
  void anEffectWhoseIntervalDoesNotClearTheThresholdIsIndifferent() {
    // A planted penalty of 0.04 in a small noisy sample: the point estimate passes 0.02 (the old
    // rule said basic), its 95 % interval does not clear it.
    PenaltyReward.Effect e = planted(11, 240, 0.3, 0.3, 0.04, 0.2);
    assertTrue(e.penalty() >= 0.02, "point penalty " + e.penalty());
    assertTrue(e.penalty() - KanoRule.Z * e.penaltySe() < 0.02, "se " + e.penaltySe());
    assertEquals(
        KanoClass.BASIC, KanoRule.DEFAULT.classify(e.penalty(), 0, e.reward(), 0, e.boxes()));
    assertEquals(KanoClass.INDIFFERENT, e.kanoClass());
    // With ten times the responses the same penalty is established.
    assertEquals(KanoClass.BASIC, planted(11, 24_000, 0.3, 0.3, 0.04, 0.2).kanoClass());
  }

  @Test
  void encodesDummiesAndMissingScores() {
    double[] row = new double[4];
    PenaltyReward.encode(0.0, 0.25, 1.0, row, 0);
    PenaltyReward.encode(Double.NaN, 0.25, 1.0, row, 1);
    assertEquals(1.0, row[0]);
    assertEquals(0.0, row[1]);
    assertTrue(Double.isNaN(row[2]) && Double.isNaN(row[3]));
    PenaltyReward.encode(0.5, 0.25, 1.0, row, 1);
    assertEquals(0.0, row[2]);
    assertEquals(0.0, row[3]);
    assertThrows(IllegalArgumentException.class, () -> PenaltyReward.encode(1, 1, 1, row, 0));
  }

  @Test
  void aDummyWithoutVariationIsNotEstimable() {
    // Nobody ticked touchpoint 0's bottom box: its penalty is NaN, the reward still fits.
    PairwiseMoments m = new PairwiseMoments(3);
    double[][] rows = {{0, 1, 0.9}, {0, 0, 0.5}, {0, 1, 0.8}, {0, 0, 0.6}, {0, 0, 0.55}};
    for (double[] r : rows) {
      m.add(r);
    }
    PenaltyReward.Effect e =
        PenaltyReward.fit(m, KanoRule.DEFAULT.withMinCount(1), new long[] {0, 3, 2}).get(0);
    assertTrue(Double.isNaN(e.penalty()));
    assertTrue(Double.isNaN(e.penaltySe()));
    assertEquals(0.85 - 0.55, e.reward(), 1e-12);
    // Nobody in the bottom box: not enough evidence to classify.
    assertEquals(KanoClass.INSUFFICIENT, e.kanoClass());
  }

  @Test
  void rejectsAWrongLayoutAndAConstantTarget() {
    KanoRule rule = KanoRule.DEFAULT;
    assertThrows(
        IllegalArgumentException.class,
        () -> PenaltyReward.fit(new PairwiseMoments(4), rule, new long[3]));
    PairwiseMoments constant = new PairwiseMoments(3);
    constant.add(new double[] {1, 0, 0.5});
    constant.add(new double[] {0, 1, 0.5});
    assertThrows(
        IllegalArgumentException.class, () -> PenaltyReward.fit(constant, rule, new long[3]));
    PairwiseMoments one = new PairwiseMoments(3);
    assertEquals(
        "Cannot fit penalty-reward: expected 3 box counts per touchpoint (3), got 2",
        assertThrows(
                IllegalArgumentException.class, () -> PenaltyReward.fit(one, rule, new long[2]))
            .getMessage());
  }
}
