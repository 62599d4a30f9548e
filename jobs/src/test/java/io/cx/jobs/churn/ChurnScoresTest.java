package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.LogOddsModel;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * churn_scores of the shared in-memory analysis ({@link AnalysedChurn}): who is scored (open
 * horizons only), the window each score is for, and the top reasons of each score.
 */
class ChurnScoresTest {
  @Test
  void scoresOnlyCustomersWhoseLatestHorizonIsOpenAndWhoHaveNotChurned() {
    AnalysedChurn run = AnalysedChurn.get();
    Map<String, Integer> latest = new HashMap<>();
    Set<String> churned = new HashSet<>();
    for (int i = 0; i < run.data.features.size(); i++) {
      Row f = run.data.features.get(i);
      String c = f.getString(1);
      if (Boolean.TRUE.equals(run.data.labels.get(i).get(4))) {
        churned.add(c);
      }
      Integer prev = latest.get(c);
      if (prev == null || submitted(f).after(submitted(run.data.features.get(prev)))) {
        latest.put(c, i);
      }
    }
    Timestamp runEnd =
        Timestamp.from(
            SimulatedChurn.RUN.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
    Map<String, Integer> expected = new HashMap<>();
    int closed = 0;
    for (Map.Entry<String, Integer> e : latest.entrySet()) {
      Row label = run.data.labels.get(e.getValue());
      if (churned.contains(e.getKey())) {
        continue;
      }
      if (label.getBoolean(7)) {
        closed++;
      } else {
        expected.put(e.getKey(), e.getValue());
      }
    }
    // The world has both kinds, and most latest horizons closed without churn.
    assertTrue(closed > 2 * expected.size() && expected.size() > 200, closed + " " + expected);
    assertEquals(expected.size(), run.scores.size());
    for (Row r : run.scores) {
      String c = r.getAs(Cols.CUSTOMER_ID);
      assertTrue(expected.containsKey(c), c);
      Row f = run.data.features.get(expected.get(c));
      assertEquals(f.getString(0), r.getAs(Cols.RESPONSE_ID));
      // The window the score is for: the scored response's horizon, still open at the run date.
      assertEquals(submitted(f), r.<Timestamp>getAs(Cols.HORIZON_START));
      assertEquals(
          (Timestamp) run.data.labels.get(expected.get(c)).get(8),
          r.<Timestamp>getAs(Cols.HORIZON_END));
      assertTrue(!r.<Timestamp>getAs(Cols.HORIZON_END).before(runEnd), c);
    }
  }

  private static Timestamp submitted(Row features) {
    return (Timestamp) features.get(2);
  }

  @Test
  void topReasonsAreTheLargestPositiveContributionsMostImportantFirst() {
    AnalysedChurn run = AnalysedChurn.get();
    ChurnPredictor predictor = run.predictor();
    List<FeatureGroup> groups = predictor.vectorizer().groups();
    LogOddsModel.Explainer explainer = predictor.model().explainer(groups);
    List<String> reported =
        groups.stream().filter(FeatureGroup::reported).map(FeatureGroup::id).toList();
    Vectorizer.Bound bound = predictor.vectorizer().bind(SimulatedChurn.FEATURES);
    Map<String, Row> byResponse = new HashMap<>();
    run.data.features.forEach(f -> byResponse.put(f.getString(0), f));
    int withReasons = 0;
    for (Row r : run.scores.subList(0, 200)) {
      List<String> reasons = r.getList(r.fieldIndex(Cols.TOP_REASONS));
      double[] c =
          explainer.contributions(bound.vector(byResponse.get(r.<String>getAs(Cols.RESPONSE_ID))));
      assertTrue(reasons.size() <= 3);
      double previous = Double.POSITIVE_INFINITY;
      for (String reason : reasons) {
        assertTrue(reported.contains(reason), reason);
        int g = groups.stream().map(FeatureGroup::id).toList().indexOf(reason);
        assertTrue(c[g] > 0 && c[g] <= previous, reason + " in " + reasons);
        previous = c[g];
      }
      long positive =
          java.util.stream.IntStream.range(0, c.length)
              .filter(g -> groups.get(g).reported() && c[g] > 0)
              .count();
      assertEquals(Math.min(3, positive), reasons.size());
      withReasons += reasons.isEmpty() ? 0 : 1;
    }
    assertTrue(withReasons > 100);
  }
}
