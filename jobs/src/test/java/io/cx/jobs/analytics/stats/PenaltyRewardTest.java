package io.cx.jobs.analytics.stats;

import static io.cx.jobs.analytics.stats.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.jobs.testing.GoldenJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PenaltyRewardTest {

  @Test
  void coefficientsAndClassesMatchNumpyLeastSquares() {
    JsonNode g = Golden.root().get("penalty_reward");
    double[][] scores = GoldenJson.matrix(g.get("scores"));
    double[] target = GoldenJson.vector(g.get("target"));
    int k = scores[0].length;
    PairwiseMoments m = new PairwiseMoments(2 * k + 1);
    double[] row = new double[2 * k + 1];
    for (int r = 0; r < scores.length; r++) {
      for (int t = 0; t < k; t++) {
        PenaltyReward.encode(
            scores[r][t], g.get("low_max").asDouble(), g.get("high_min").asDouble(), row, t);
      }
      row[2 * k] = target[r];
      m.add(row);
    }
    List<PenaltyReward.Effect> effects = PenaltyReward.fit(m);
    assertEquals(k, effects.size());
    for (int t = 0; t < k; t++) {
      assertClose(g.get("penalty").get(t).asDouble(), effects.get(t).penalty(), "penalty " + t);
      assertClose(g.get("reward").get(t).asDouble(), effects.get(t).reward(), "reward " + t);
      assertEquals(g.get("kano").get(t).asText(), effects.get(t).kanoClass().id(), "class " + t);
    }
    // The design covers all four classes.
    assertEquals(
        List.of("basic", "excitement", "performance", "indifferent"),
        effects.stream().map(e -> e.kanoClass().id()).toList());
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
    PenaltyReward.Effect e = PenaltyReward.fit(m).get(0);
    assertTrue(Double.isNaN(e.penalty()));
    assertEquals(0.85 - 0.55, e.reward(), 1e-12);
    assertEquals(KanoClass.EXCITEMENT, e.kanoClass());
  }

  @Test
  void rejectsAWrongLayoutAndAConstantTarget() {
    assertThrows(IllegalArgumentException.class, () -> PenaltyReward.fit(new PairwiseMoments(4)));
    PairwiseMoments constant = new PairwiseMoments(3);
    constant.add(new double[] {1, 0, 0.5});
    constant.add(new double[] {0, 1, 0.5});
    assertThrows(IllegalArgumentException.class, () -> PenaltyReward.fit(constant));
  }
}
