package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.LogOddsModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * churn_scores of the shared in-memory analysis ({@link AnalysedChurn}): who is scored, and the top
 * reasons of each score.
 */
class ChurnScoresTest {
  @Test
  void scoresTheLatestResponseOfEveryCustomerNotYetChurned() {
    AnalysedChurn run = AnalysedChurn.get();
    Map<String, Row> latest = new HashMap<>();
    Set<String> churned = new HashSet<>();
    for (int i = 0; i < run.data.features.size(); i++) {
      Row f = run.data.features.get(i);
      Row l = run.data.labels.get(i);
      String c = f.getString(1);
      if (Boolean.TRUE.equals(l.get(4))) {
        churned.add(c);
      }
      Row prev = latest.get(c);
      if (prev == null || ((java.sql.Timestamp) f.get(2)).after((java.sql.Timestamp) prev.get(2))) {
        latest.put(c, f);
      }
    }
    Set<String> expected = new HashSet<>(latest.keySet());
    expected.removeAll(churned);
    assertEquals(expected.size(), run.scores.size());
    for (Row r : run.scores) {
      String c = r.getAs(Cols.CUSTOMER_ID);
      assertTrue(expected.contains(c), c);
      assertEquals(latest.get(c).getString(0), r.getAs(Cols.RESPONSE_ID));
    }
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
