package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.spark.Partitions;
import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.analytics.shap.CrossFittedShap;
import io.cx.jobs.analytics.shap.ShapImportance;
import io.cx.jobs.analytics.shap.ShapSummary;
import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.stats.Quadrant;
import io.cx.jobs.analytics.trees.GradientBoostedTrees;
import io.cx.jobs.analytics.trees.Loss;
import io.cx.jobs.analytics.trees.TrainingSetCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shap_gbt rows of one journey and target: gradient-boosted regression models on the journey's
 * responses with the target (touchpoints, metrics, segment and a pure-noise feature, see {@link
 * GbtFeatures}; survey weights as instance weights), cross-fitted: the responses are split in two
 * folds by customer, a model is fitted on each fold and TreeSHAP ({@link ShapSummary}) explains the
 * other fold's responses with it, so every importance comes from responses the model did not see
 * ({@link CrossFittedShap}).
 *
 * <p>importance = weighted mean |SHAP| over the held-out responses (in target units, 0..1); share =
 * importance / the sum over the drivers (touchpoints and metrics; the segment control and the noise
 * feature are not drivers). above_noise: whether the importance is larger than the noise feature's
 * in the same segment; a driver at or below it is indistinguishable from noise. Direction is the
 * sign of the driver's pairwise correlation with the target, performance and Kano class come from
 * the linear pass ({@link DriverFacts}), quadrants as for the other methods over the touchpoints.
 *
 * <p>No interval: an honest one would refit the model per bootstrap replicate (B model fits), and
 * resampling the rows of a fixed model's SHAP values would only measure how well the mean is known,
 * not how much the model (and so the importances) could differ, giving intervals much too narrow to
 * act on. ci_low and ci_high are null for shap_gbt and the note says so.
 */
final class ShapDrivers {
  private static final Logger LOG = LoggerFactory.getLogger(ShapDrivers.class);

  private ShapDrivers() {}

  /**
   * @param rows the run's journey_features rows
   * @param estimates the linear pass's estimates of this journey and target by segment (ALL too)
   * @param metricMin smallest value of each metric of the journey
   */
  static List<ImportanceRow> estimate(
      Dataset<Row> rows,
      JourneyLayout layout,
      Target t,
      Map<String, SegmentEstimate> estimates,
      Map<String, Double> metricMin,
      DriverOptions o) {
    SegmentEstimate all = estimates.get(Cols.ALL);
    if (all == null || !all.estimated()) {
      return List.of();
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    estimates.forEach(
        (segment, e) -> {
          if (!Cols.ALL.equals(segment)) {
            sizes.put(segment, e.n());
          }
        });
    GbtFeatures features = GbtFeatures.of(layout, metricMin, sizes, o.seed());
    // MLlib runs a task per partition and tree level: as many partitions as the rows need, no more.
    // The trees subsample rows in the order they arrive, so that order is fixed here: hashed by
    // response and sorted. Coalescing kept the order of the table's files and of the shuffle that
    // wrote them, which differs between runs on a cluster (shuffle blocks are read as they arrive
    // from the executors), and with it the shap_gbt shares.
    int partitions = Partitions.forRows(rows.sparkSession(), all.n());
    Dataset<Row> data =
        features.apply(
            rows.where(
                    col(Cols.JOURNEY)
                        .equalTo(layout.journey())
                        .and(InputProfile.usableWeight())
                        .and(InputProfile.present(col(t.column()))))
                .repartition(partitions, col(Cols.RESPONSE_ID))
                .sortWithinPartitions(Cols.RESPONSE_ID),
            col(t.column()).cast("double").multiply(t.scale()));
    long[] folds = CrossFittedShap.foldRows(data);
    if (!CrossFittedShap.everyFoldHasRows(folds)) {
      LOG.info(
          "drivers {} {}: every response of one fold (one customer?), no shap_gbt",
          layout.journey(),
          t.id());
      return List.of();
    }
    CrossFittedShap shap =
        CrossFittedShap.explain(
            data,
            folds,
            features.names(),
            s -> s.featuresCol(GbtFeatures.FEATURES).groupBy(Cols.SEGMENT).weightCol(Cols.WEIGHT),
            (train, n) ->
                new CrossFittedShap.FoldModel(fit(train, features.names().size(), n, o), 1.0));
    List<ImportanceRow> out = new ArrayList<>(rows(layout, t, all, shap, o));
    for (SegmentEstimate e : estimates.values()) {
      ShapImportance held = shap.of(e.segment());
      if (e.estimated() && !Cols.ALL.equals(e.segment()) && held != null && held.n() > 0) {
        out.addAll(rows(layout, t, e, shap, o));
      }
    }
    LOG.info(
        "drivers {} {}: shap_gbt on {} responses, {} trees",
        layout.journey(),
        t.id(),
        all.n(),
        o.gbtTrees());
    return out;
  }

  /**
   * The trees (squared error, survey weights as instance weights): fitted in memory when the rows
   * fit in the driver's heap ({@link TrainingSetCollector#fitsInDriverHeap}), with MLlib's {@code
   * GBTRegressor} across the cluster otherwise. Both outputs are in target units.
   */
  private static TreeEnsemble fit(Dataset<Row> data, int features, long rows, DriverOptions o) {
    if (TrainingSetCollector.fitsInDriverHeap(rows, features)) {
      return GradientBoostedTrees.fit(
          TrainingSetCollector.collect(data, GbtFeatures.FEATURES, GbtFeatures.LABEL, Cols.WEIGHT),
          Loss.SQUARED_ERROR,
          new GradientBoostedTrees.Params(
              o.gbtTrees(),
              o.gbtDepth(),
              o.gbtStepSize(),
              o.gbtSubsample(),
              o.gbtMinInstancesPerNode(),
              GbtFeatures.MAX_SEGMENT_LEVELS,
              0.0),
          o.seed());
    }
    return TreeEnsemble.fromModel(
        new GBTRegressor()
            .setFeaturesCol(GbtFeatures.FEATURES)
            .setLabelCol(GbtFeatures.LABEL)
            .setWeightCol(Cols.WEIGHT)
            .setMaxIter(o.gbtTrees())
            .setMaxDepth(o.gbtDepth())
            .setStepSize(o.gbtStepSize())
            .setSubsamplingRate(o.gbtSubsample())
            .setMinInstancesPerNode(o.gbtMinInstancesPerNode())
            .setMaxBins(GbtFeatures.MAX_SEGMENT_LEVELS)
            .setSeed(o.seed())
            .fit(data));
  }

  /** The rows of one segment (or ALL) from the cross-fitted SHAP summary. */
  static List<ImportanceRow> rows(
      JourneyLayout layout, Target t, SegmentEstimate e, CrossFittedShap shap, DriverOptions o) {
    List<DriverFacts> facts = e.facts();
    ShapImportance held = shap.of(e.segment());
    int d = facts.size();
    double[] importance = new double[d];
    double total = 0;
    for (int x = 0; x < d; x++) {
      DriverFacts f = facts.get(x);
      String column =
          f.kind().equals(ImportanceRow.TOUCHPOINT)
              ? FeatureNames.touchpoint(f.driver())
              : FeatureNames.metric(f.driver());
      importance[x] = held.meanAbs(column);
      total += importance[x];
    }
    double noise = held.meanAbs(CrossFittedShap.NOISE);
    double[] share = new double[d];
    double[] performance = new double[d];
    for (int x = 0; x < d; x++) {
      share[x] = total > 0 ? importance[x] / total : Double.NaN;
      performance[x] = facts.get(x).performance();
    }
    Quadrant[] quadrant = LinearDrivers.quadrants(share, performance, o);
    String note =
        String.format(
            Locale.ROOT,
            "weighted mean |SHAP| over held-out responses of gradient-boosted models (%d trees of"
                + " depth %d, cross-fitted on %d folds by customer) of all segments; noise"
                + " feature's importance %.4g; no interval for this method",
            o.gbtTrees(),
            o.gbtDepth(),
            CrossFittedShap.FOLDS,
            noise);
    List<ImportanceRow> out = new ArrayList<>();
    for (int x = 0; x < d; x++) {
      DriverFacts f = facts.get(x);
      out.add(
          ImportanceRow.builder(
                  layout.journey(), t.id(), e.segment(), DriverOptions.SHAP_GBT, e.n())
              .driver(f.driver(), f.kind())
              .importance(importance[x], share[x])
              .aboveNoise(CrossFittedShap.aboveNoise(importance[x], held))
              .direction(f.correlationSign())
              .performance(performance[x])
              .quadrant(quadrant[x] == null ? null : quadrant[x].id())
              .kano(f.kano())
              .nDriver(f.nDriver())
              .note(note)
              .build());
    }
    return out;
  }
}
