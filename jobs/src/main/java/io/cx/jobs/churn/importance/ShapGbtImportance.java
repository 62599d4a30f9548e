package io.cx.jobs.churn.importance;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.jobs.churn.features.FeatureFrames;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.model.GbtModel;
import io.cx.jobs.churn.model.LogOddsModel;
import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Driver importance from the gradient-boosted trees (method {@code shap_gbt}): a driver's
 * importance is the mean over the training rows of the absolute value of its SHAP contribution
 * (TreeSHAP, in log-odds; a driver's contribution is the sum over its features, its not-answered
 * indicator included), overall and per segment, in one pass. Shares are over the reported drivers
 * (touchpoints and metrics). Direction: the sign of the covariance between the driver's value and
 * its contribution (does a higher value push churn up?).
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
   */
  public static Result of(
      Dataset<Row> vectors, GbtModel model, List<FeatureGroup> groups, int minN) {
    Dataset<Row> in = vectors.select(Cols.SEGMENT, FeatureFrames.FEATURES);
    TreeMap<String, Acc> acc =
        PartitionFold.fold(
            in,
            it -> pass(it, model, groups),
            (a, b) -> {
              b.forEach((k, v) -> a.merge(k, v, Acc::merge));
              return a;
            });
    Map<String, List<DriverEstimate>> out = new LinkedHashMap<>();
    double[] meanAbs = new double[groups.size()];
    Acc all = acc.get(Cols.ALL);
    if (all != null) {
      out.put(Cols.ALL, all.estimates(groups));
      for (int g = 0; g < meanAbs.length; g++) {
        meanAbs[g] = all.abs[g] / all.n;
      }
    }
    acc.forEach(
        (segment, a) -> {
          if (!segment.equals(Cols.ALL) && a.n >= minN) {
            out.put(segment, a.estimates(groups));
          }
        });
    return new Result(out, meanAbs);
  }

  private static TreeMap<String, Acc> pass(
      Iterator<Row> it, GbtModel model, List<FeatureGroup> groups) {
    LogOddsModel.Explainer explainer = model.explainer(groups);
    TreeMap<String, Acc> acc = new TreeMap<>();
    int k = groups.size();
    while (it.hasNext()) {
      Row r = it.next();
      String segment = r.isNullAt(0) ? FeatureColumns.UNKNOWN_SEGMENT : r.getString(0);
      double[] x = ((Vector) r.get(1)).toArray();
      double[] c = explainer.contributions(x);
      acc.computeIfAbsent(Cols.ALL, s -> new Acc(k)).add(x, c, groups);
      if (!segment.equals(Cols.ALL)) {
        acc.computeIfAbsent(segment, s -> new Acc(k)).add(x, c, groups);
      }
    }
    return acc;
  }

  /** Sums of one segment. */
  static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;
    long n;
    final double[] abs;
    final double[] sum;
    final double[] value;
    final double[] valueTimesContribution;
    final double[] answered;
    final double[] answeredSum;

    Acc(int k) {
      abs = new double[k];
      sum = new double[k];
      value = new double[k];
      valueTimesContribution = new double[k];
      answered = new double[k];
      answeredSum = new double[k];
    }

    void add(double[] x, double[] c, List<FeatureGroup> groups) {
      n++;
      for (int g = 0; g < c.length; g++) {
        abs[g] += Math.abs(c[g]);
        sum[g] += c[g];
        int v = groups.get(g).valueFeature();
        if (v >= 0) {
          value[g] += x[v];
          valueTimesContribution[g] += x[v] * c[g];
          int indicator = groups.get(g).indicator();
          if (indicator < 0 || x[indicator] == 0) {
            answered[g]++;
            answeredSum[g] += x[v];
          }
        }
      }
    }

    Acc merge(Acc o) {
      n += o.n;
      PartitionFold.addInto(abs, o.abs);
      PartitionFold.addInto(sum, o.sum);
      PartitionFold.addInto(value, o.value);
      PartitionFold.addInto(valueTimesContribution, o.valueTimesContribution);
      PartitionFold.addInto(answered, o.answered);
      PartitionFold.addInto(answeredSum, o.answeredSum);
      return this;
    }

    List<DriverEstimate> estimates(List<FeatureGroup> groups) {
      int k = groups.size();
      double[] importance = new double[k];
      for (int g = 0; g < k; g++) {
        importance[g] = abs[g] / n;
      }
      double[] share = DriverEstimate.reportedShares(importance, groups);
      List<DriverEstimate> out = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        FeatureGroup group = groups.get(g);
        if (!group.reported()) {
          continue;
        }
        double cov = valueTimesContribution[g] / n - (value[g] / n) * (sum[g] / n);
        Double performance =
            DriverEstimate.scored(group) && answered[g] > 0 ? answeredSum[g] / answered[g] : null;
        out.add(
            new DriverEstimate(
                group,
                importance[g],
                share[g],
                Double.NaN,
                Double.NaN,
                null,
                cov < 0 ? -1 : 1,
                performance,
                n,
                (long) answered[g]));
      }
      return out;
    }
  }
}
