package io.cx.jobs.churn.importance;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.shap.CrossFittedShap;
import io.cx.jobs.analytics.shap.FeatureSum;
import io.cx.jobs.analytics.shap.ShapImportance;
import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.model.GbtFitter;
import io.cx.jobs.churn.model.GbtModel;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.spark.PartitionFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver importance from gradient-boosted trees (method {@code shap_gbt}), from held-out rows with
 * a pure-noise baseline ({@link CrossFittedShap}, the drivers job's path): the fit rows are split
 * in two folds by customer, trees with churn's settings ({@link GbtFitter}, {@code churn.gbt.*})
 * are fitted on one fold with the model's features plus a noise feature, and TreeSHAP explains the
 * other fold's rows with them. These importance models are not the scoring model: the noise feature
 * never reaches churn_scores or driver_impact, which the trees fitted on all fit rows score.
 *
 * <p>A driver's importance is the mean over the held-out rows of the absolute value of its SHAP
 * contribution in log-odds (scaled by {@link GbtModel#marginScale}; a driver's contribution is the
 * sum over its features, its not-answered indicator included), overall and per segment; {@code
 * above_noise} says whether it is larger than the noise feature's in the same rows. Shares are over
 * the reported drivers (touchpoints and metrics). Direction: the sign of the covariance between the
 * driver's value and its contribution (does a higher value push churn up?); performance: the mean
 * score over the rows where the touchpoint was answered.
 *
 * <p>No interval, as for the drivers job's shap_gbt: an honest one would refit the trees per
 * replicate, and resampling the SHAP values of fixed models would only say how well their mean is
 * known, which is far too narrow.
 */
public final class ShapGbtImportance {
  private static final Logger LOG = LoggerFactory.getLogger(ShapGbtImportance.class);

  private ShapGbtImportance() {}

  /**
   * @param bySegment estimates of the reported drivers: {@code ALL} first, then each segment with
   *     at least min_n_segment rows; empty when the fit rows cannot be cross-fitted
   * @param meanAbs mean |SHAP| of every group (controls included) over all held-out rows, for the
   *     sidecar (zeros when not cross-fitted)
   * @param noise the noise feature's mean |SHAP| over all held-out rows, NaN when not cross-fitted
   * @param problem why the fit rows could not be cross-fitted, or null
   */
  public record Result(
      Map<String, List<DriverEstimate>> bySegment,
      double[] meanAbs,
      double noise,
      String problem) {}

  /**
   * @param fitVectors the fit rows: response_id, customer_id, segment, the label and the features
   * @param featureNames one name per position of the features vector
   */
  public static Result of(
      Dataset<Row> fitVectors,
      List<String> featureNames,
      List<FeatureGroup> groups,
      ChurnOptions o) {
    long seed = o.seed();
    Dataset<Row> data =
        fitVectors.select(
            col(Cols.SEGMENT),
            col(ModelTraining.LABEL),
            CrossFittedShap.appendNoise(col(FeatureFrames.FEATURES), seed)
                .as(FeatureFrames.FEATURES),
            CrossFittedShap.fold(seed).as(CrossFittedShap.FOLD));
    long[][] classes = classesByFold(data);
    String problem = problem(classes);
    if (problem != null) {
      LOG.info("churn shap_gbt: {}; no shap_gbt rows", problem);
      return new Result(Map.of(), new double[groups.size()], Double.NaN, problem);
    }
    long[] folds = new long[CrossFittedShap.FOLDS];
    for (int f = 0; f < folds.length; f++) {
      folds[f] = classes[f][0] + classes[f][1];
    }
    List<String> names = new ArrayList<>(featureNames);
    names.add(CrossFittedShap.NOISE);
    List<FeatureSum> sums = new ArrayList<>(sums(featureNames, groups));
    sums.add(FeatureSum.of(CrossFittedShap.NOISE));
    CrossFittedShap shap =
        CrossFittedShap.explain(
            data,
            folds,
            names,
            s -> s.sumFeatures(sums).featuresCol(FeatureFrames.FEATURES).groupBy(Cols.SEGMENT),
            (train, rows) -> {
              GbtModel m = GbtFitter.fit(train, ModelTraining.LABEL, rows, names.size(), o);
              return new CrossFittedShap.FoldModel(m.ensemble(), m.marginScale());
            });
    String note =
        "mean |TreeSHAP| (log-odds) over held-out fit rows of gradient-boosted trees (%d trees of"
            + " depth %d) cross-fitted on %d folds by customer; noise feature's importance %.4g;"
            + " no interval for this method";
    Map<String, List<DriverEstimate>> out = new LinkedHashMap<>();
    ShapImportance all = shap.overall();
    out.put(Cols.ALL, estimates(all, groups, note(note, o, all)));
    shap.byGroup()
        .forEach(
            (segment, s) -> {
              if (!segment.equals(Cols.ALL) && s.n() >= o.minNSegment()) {
                out.put(segment, estimates(s, groups, note(note, o, s)));
              }
            });
    double[] meanAbs = Arrays.copyOf(all.meanAbs(), groups.size());
    return new Result(out, meanAbs, all.meanAbs(CrossFittedShap.NOISE), null);
  }

  private static String note(String format, ChurnOptions o, ShapImportance s) {
    return String.format(
        Locale.ROOT,
        format,
        o.gbt().trees(),
        o.gbt().maxDepth(),
        CrossFittedShap.FOLDS,
        s.meanAbs(CrossFittedShap.NOISE));
  }

  /** Non-churners and churners per fold, in one pass. */
  private static long[][] classesByFold(Dataset<Row> data) {
    return PartitionFold.fold(
        data.select(CrossFittedShap.FOLD, ModelTraining.LABEL),
        it -> {
          long[][] c = new long[CrossFittedShap.FOLDS][2];
          while (it.hasNext()) {
            Row r = it.next();
            c[r.getInt(0)][r.getDouble(1) > 0.5 ? 1 : 0]++;
          }
          return c;
        },
        (a, b) -> {
          long[][] c = new long[CrossFittedShap.FOLDS][2];
          for (int f = 0; f < c.length; f++) {
            c[f][0] = a[f][0] + b[f][0];
            c[f][1] = a[f][1] + b[f][1];
          }
          return c;
        });
  }

  /**
   * Why the fit rows cannot be cross-fitted, or null: a fold without rows, or the rows a fold's
   * model would be fitted on (the other fold's) without both classes.
   */
  static String problem(long[][] classes) {
    for (int f = 0; f < classes.length; f++) {
      if (classes[f][0] + classes[f][1] == 0) {
        return "every fit row falls in one fold of customers";
      }
      if (classes[f][0] == 0 || classes[f][1] == 0) {
        return "a fold of customers has only "
            + (classes[f][1] == 0 ? "non-churners" : "churners")
            + " to fit the trees that explain the other";
      }
    }
    return null;
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

  private static List<DriverEstimate> estimates(
      ShapImportance shap, List<FeatureGroup> groups, String note) {
    double[] importance = Arrays.copyOf(shap.meanAbs(), groups.size());
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
              CrossFittedShap.aboveNoise(importance[g], shap),
              shap.covariance(g) < 0 ? -1 : 1,
              performance,
              shap.n(),
              shap.answered(g),
              note));
    }
    return out;
  }
}
