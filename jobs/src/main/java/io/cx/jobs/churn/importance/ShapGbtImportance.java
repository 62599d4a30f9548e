package io.cx.jobs.churn.importance;

import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.shap.FeatureSum;
import io.cx.jobs.analytics.shap.ShapImportance;
import io.cx.jobs.analytics.shap.ShapSummary;
import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.model.GbtModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Driver importance from the gradient-boosted trees (method {@code shap_gbt}), from one {@link
 * ShapSummary} pass: a driver's importance is the mean over the training rows of the absolute value
 * of its SHAP contribution (TreeSHAP in log-odds, so scaled by {@link GbtModel#marginScale}; a
 * driver's contribution is the sum over its features, its not-answered indicator included), overall
 * and per segment. Shares are over the reported drivers (touchpoints and metrics). Direction: the
 * sign of the covariance between the driver's value and its contribution (does a higher value push
 * churn up?); performance: the mean score over the rows where the touchpoint was answered.
 *
 * <p>No interval, as for the drivers job's shap_gbt: an honest one would refit the trees per
 * replicate, and resampling the SHAP values of one fixed model would only say how well their mean
 * is known, which is far too narrow.
 */
public final class ShapGbtImportance {
  private ShapGbtImportance() {}

  /**
   * @param bySegment estimates of the reported drivers: {@code ALL} first, then each segment with
   *     at least min_n_segment rows
   * @param meanAbs mean |SHAP| of every group (controls included) over all rows, for the sidecar
   */
  public record Result(Map<String, List<DriverEstimate>> bySegment, double[] meanAbs) {}

  /**
   * @param vectors rows with segment and the features vector
   * @param featureNames one name per position of the features vector
   */
  public static Result of(
      Dataset<Row> vectors,
      GbtModel model,
      List<String> featureNames,
      List<FeatureGroup> groups,
      int minN) {
    Broadcast<TreeEnsemble> ensemble =
        JavaSparkContext.fromSparkContext(vectors.sparkSession().sparkContext())
            .broadcast(model.ensemble());
    ShapSummary.Result shap;
    try {
      shap =
          ShapSummary.of(ensemble, featureNames)
              .sumFeatures(sums(featureNames, groups))
              .scale(model.marginScale())
              .featuresCol(FeatureFrames.FEATURES)
              .groupBy(Cols.SEGMENT)
              .execute(vectors.select(Cols.SEGMENT, FeatureFrames.FEATURES));
    } finally {
      ensemble.destroy();
    }
    Map<String, List<DriverEstimate>> out = new LinkedHashMap<>();
    double[] meanAbs = new double[groups.size()];
    if (shap.overall().n() > 0) {
      out.put(Cols.ALL, estimates(shap.overall(), groups));
      meanAbs = shap.overall().meanAbs();
    }
    shap.byGroup()
        .forEach(
            (segment, s) -> {
              if (!segment.equals(Cols.ALL) && s.n() >= minN) {
                out.put(segment, estimates(s, groups));
              }
            });
    return new Result(out, meanAbs);
  }

  /** Each group as the sum of its features, its value feature and not-answered indicator named. */
  static List<FeatureSum> sums(List<String> featureNames, List<FeatureGroup> groups) {
    List<FeatureSum> out = new ArrayList<>(groups.size());
    for (FeatureGroup g : groups) {
      List<String> members = new ArrayList<>(g.features().length);
      for (int j : g.features()) {
        members.add(featureNames.get(j));
      }
      out.add(
          new FeatureSum(
              g.id(),
              members,
              g.valueFeature() < 0 ? null : featureNames.get(g.valueFeature()),
              g.indicator() < 0 ? null : featureNames.get(g.indicator())));
    }
    return out;
  }

  private static List<DriverEstimate> estimates(ShapImportance shap, List<FeatureGroup> groups) {
    double[] importance = shap.meanAbs();
    double[] share = DriverEstimate.reportedShares(importance, groups);
    List<DriverEstimate> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      FeatureGroup group = groups.get(g);
      if (!group.reported()) {
        continue;
      }
      Double performance =
          DriverEstimate.scored(group) && shap.answered(g) > 0 ? shap.meanAnswered(g) : null;
      out.add(
          new DriverEstimate(
              group,
              importance[g],
              share[g],
              Double.NaN,
              Double.NaN,
              null,
              null,
              shap.covariance(g) < 0 ? -1 : 1,
              performance,
              shap.n(),
              shap.answered(g)));
    }
    return out;
  }
}
