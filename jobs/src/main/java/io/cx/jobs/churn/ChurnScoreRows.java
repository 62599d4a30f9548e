package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.LogOddsModel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * churn_scores: for each customer of the scoring population ({@link ChurnInputs#population}: not
 * churned, the latest response's horizon still open at the run date), the calibrated churn
 * probability of the chosen model for that response's horizon {@code (horizon_start, horizon_end]},
 * revenue at risk = probability x annual value (null when the value is unknown), and the top
 * reasons: the drivers (touchpoints and metrics, as in driver_importance) with the largest positive
 * contributions to that customer's log-odds (TreeSHAP for the trees, {@code b (x - mean)} for the
 * logit), most important first; fewer when fewer push churn up. The reasons come from the chosen
 * model's {@link LogOddsModel.Explainer}, in the same per-row pass as the probability, whichever
 * model was chosen.
 */
final class ChurnScoreRows {
  private ChurnScoreRows() {}

  static Dataset<Row> of(
      Dataset<Row> population,
      ChurnPredictor predictor,
      int topK,
      String journey,
      LocalDate runDate) {
    Vectorizer.Bound bound = predictor.vectorizer().bind(population.schema());
    List<FeatureGroup> groups = predictor.vectorizer().groups();
    String[] ids = groups.stream().map(FeatureGroup::id).toArray(String[]::new);
    boolean[] reported = new boolean[groups.size()];
    for (int g = 0; g < reported.length; g++) {
      reported[g] = groups.get(g).reported();
    }
    int customer = population.schema().fieldIndex(Cols.CUSTOMER_ID);
    int response = population.schema().fieldIndex(Cols.RESPONSE_ID);
    int value = population.schema().fieldIndex(Cols.ANNUAL_VALUE);
    int start = population.schema().fieldIndex(Cols.SUBMITTED_AT);
    int end = population.schema().fieldIndex(Cols.HORIZON_END);
    Date date = Date.valueOf(runDate);
    String model = predictor.model().name();
    MapPartitionsFunction<Row, Row> f =
        it -> {
          LogOddsModel.Explainer explainer = predictor.model().explainer(groups);
          return FeatureFrames.map(
              it,
              r -> {
                double[] x = bound.vector(r);
                double p = predictor.probability(x);
                int[] top = top(explainer.contributions(x), reported, topK);
                String[] reasons = new String[top.length];
                for (int i = 0; i < top.length; i++) {
                  reasons[i] = ids[top[i]];
                }
                Double annual = r.isNullAt(value) ? null : ((Number) r.get(value)).doubleValue();
                String segment = bound.segment(r);
                return RowFactory.create(
                    journey,
                    r.getString(customer),
                    r.getString(response),
                    segment == null ? FeatureColumns.UNKNOWN_SEGMENT : segment,
                    p,
                    annual,
                    annual == null ? null : p * annual,
                    reasons,
                    model,
                    r.getTimestamp(start),
                    r.getTimestamp(end),
                    date);
              });
        };
    return population.mapPartitions(f, Encoders.row(Schemas.CHURN_SCORES));
  }

  /**
   * Indices of the (at most k) largest strictly positive values among the eligible ones, largest
   * first; ties go to the lower index.
   */
  static int[] top(double[] c, boolean[] eligible, int k) {
    Integer[] order =
        java.util.stream.IntStream.range(0, c.length)
            .filter(i -> eligible[i] && c[i] > 0)
            .boxed()
            .toArray(Integer[]::new);
    java.util.Arrays.sort(order, (a, b) -> c[a] != c[b] ? Double.compare(c[b], c[a]) : a - b);
    int n = Math.min(k, order.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }
}
