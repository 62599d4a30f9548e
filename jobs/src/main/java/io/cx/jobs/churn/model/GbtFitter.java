package io.cx.jobs.churn.model;

import io.cx.common.config.ChurnOptions;
import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.trees.GradientBoostedTrees;
import io.cx.jobs.analytics.trees.Loss;
import io.cx.jobs.analytics.trees.TrainingSet;
import io.cx.jobs.analytics.trees.TrainingSetCollector;
import io.cx.jobs.churn.features.FeatureFrames;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits churn's gradient-boosted trees (logistic loss, unweighted, {@code churn.gbt.*}). When the
 * fit rows fit in a quarter of the driver's heap ({@link TrainingSetCollector#fitsInDriverHeap}),
 * they are collected and fitted in memory ({@link GradientBoostedTrees}): one Spark job instead of
 * one per tree level, and well under a second for the tens of thousands of rows a journey usually
 * has. Larger sets, or a {@code max_bins} above {@value GradientBoostedTrees.Params#MAX_BINS}, are
 * fitted with MLlib's {@code GBTClassifier} across the cluster.
 */
public final class GbtFitter {
  private static final Logger LOG = LoggerFactory.getLogger(GbtFitter.class);

  private GbtFitter() {}

  /**
   * @param fitVectors the fit rows: features vector and label column
   * @param rows the number of fit rows
   * @param features the length of the features vector
   */
  public static GbtModel fit(
      Dataset<Row> fitVectors, String labelCol, long rows, int features, ChurnOptions o) {
    ChurnOptions.Gbt g = o.gbt();
    if (g.maxBins() <= GradientBoostedTrees.Params.MAX_BINS
        && TrainingSetCollector.fitsInDriverHeap(rows, features)) {
      TrainingSet data =
          TrainingSetCollector.collect(fitVectors, FeatureFrames.FEATURES, labelCol, null);
      GradientBoostedTrees.Params p =
          new GradientBoostedTrees.Params(
              g.trees(),
              g.maxDepth(),
              g.stepSize(),
              g.subsample(),
              g.minInstancesPerNode(),
              g.maxBins(),
              0.0);
      LOG.info("churn gbt: {} rows x {} features fitted in memory", rows, features);
      return GbtModel.ofLogOdds(GradientBoostedTrees.fit(data, Loss.LOGISTIC, p, o.seed()));
    }
    LOG.info("churn gbt: {} rows x {} features fitted with MLlib", rows, features);
    return GbtModel.ofMllib(
        TreeEnsemble.fromModel(
            new GBTClassifier()
                .setFeaturesCol(FeatureFrames.FEATURES)
                .setLabelCol(labelCol)
                .setLossType("logistic")
                .setMaxIter(g.trees())
                .setMaxDepth(g.maxDepth())
                .setStepSize(g.stepSize())
                .setSubsamplingRate(g.subsample())
                .setMinInstancesPerNode(g.minInstancesPerNode())
                .setMaxBins(g.maxBins())
                .setFeatureSubsetStrategy("all")
                .setSeed(o.seed())
                .fit(fitVectors)));
  }
}
