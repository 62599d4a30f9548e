package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.jobs.drivers.stats.PercentileInterval;
import io.cx.jobs.drivers.stats.PoissonWeights;
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
 * (TreeSHAP, in log-odds; a driver's contribution is the sum over its features), overall and per
 * segment, in one pass. Direction: the sign of the covariance between the driver's value and its
 * contribution (does a higher value push churn up?).
 *
 * <p>Intervals: a Poisson bootstrap over the rows in the same pass (each row's weight in replicate
 * b is {@link PoissonWeights} of its response id, so runs repeat exactly). The model is held fixed:
 * the interval says how precisely the rows pin down the shares of this model, not how the shares
 * would move with a model refitted on other rows.
 */
final class ShapDrivers {
  static final double LEVEL = 0.95;

  private ShapDrivers() {}

  /**
   * @param vectors rows with response_id, segment and the features vector
   * @return estimates per segment: {@code ALL} first, then segments with at least {@code minN} rows
   */
  static Map<String, List<DriverEstimate>> of(
      Dataset<Row> vectors,
      GbtModel model,
      List<FeatureGroup> groups,
      int replicates,
      long seed,
      int minN) {
    Dataset<Row> in = vectors.select(Cols.RESPONSE_ID, Cols.SEGMENT, FeatureFrames.FEATURES);
    TreeMap<String, Acc> acc =
        PartitionFold.fold(
            in,
            it -> pass(it, model, groups, replicates, seed),
            (a, b) -> {
              b.forEach((k, v) -> a.merge(k, v, Acc::merge));
              return a;
            });
    Map<String, List<DriverEstimate>> out = new LinkedHashMap<>();
    if (acc.containsKey(Cols.ALL)) {
      out.put(Cols.ALL, acc.get(Cols.ALL).estimates(groups));
    }
    acc.forEach(
        (segment, a) -> {
          if (!segment.equals(Cols.ALL) && a.n >= minN) {
            out.put(segment, a.estimates(groups));
          }
        });
    return out;
  }

  private static TreeMap<String, Acc> pass(
      Iterator<Row> it, GbtModel model, List<FeatureGroup> groups, int b, long seed) {
    ChurnModel.Explainer explainer = model.explainer(groups);
    TreeMap<String, Acc> acc = new TreeMap<>();
    int k = groups.size();
    int[] weights = new int[b];
    while (it.hasNext()) {
      Row r = it.next();
      long key = PoissonWeights.keyHash(r.getString(0));
      for (int rep = 0; rep < b; rep++) {
        weights[rep] = PoissonWeights.weight(key, rep, seed);
      }
      String segment = r.isNullAt(1) ? "unknown" : r.getString(1);
      double[] x = ((Vector) r.get(2)).toArray();
      double[] c = explainer.contributions(x);
      acc.computeIfAbsent(Cols.ALL, s -> new Acc(k, b)).add(x, c, weights, groups);
      if (!segment.equals(Cols.ALL)) {
        acc.computeIfAbsent(segment, s -> new Acc(k, b)).add(x, c, weights, groups);
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
    final double[] bootWeight;
    final double[] bootAbs;
    final double[] answered;
    final double[] answeredSum;

    Acc(int k, int b) {
      answered = new double[k];
      answeredSum = new double[k];
      abs = new double[k];
      sum = new double[k];
      value = new double[k];
      valueTimesContribution = new double[k];
      bootWeight = new double[b];
      bootAbs = new double[b * k];
    }

    void add(double[] x, double[] c, int[] weights, List<FeatureGroup> groups) {
      n++;
      int k = c.length;
      for (int g = 0; g < k; g++) {
        abs[g] += Math.abs(c[g]);
        sum[g] += c[g];
        int v = groups.get(g).valueFeature();
        if (v >= 0) {
          value[g] += x[v];
          valueTimesContribution[g] += x[v] * c[g];
          int[] f = groups.get(g).features();
          if (f.length == 1 || x[f[1]] == 0) {
            answered[g]++;
            answeredSum[g] += x[v];
          }
        }
      }
      for (int rep = 0; rep < weights.length; rep++) {
        int w = weights[rep];
        if (w == 0) {
          continue;
        }
        bootWeight[rep] += w;
        int row = rep * k;
        for (int g = 0; g < k; g++) {
          bootAbs[row + g] += w * Math.abs(c[g]);
        }
      }
    }

    Acc merge(Acc o) {
      n += o.n;
      PartitionFold.addInto(abs, o.abs);
      PartitionFold.addInto(sum, o.sum);
      PartitionFold.addInto(value, o.value);
      PartitionFold.addInto(valueTimesContribution, o.valueTimesContribution);
      PartitionFold.addInto(bootWeight, o.bootWeight);
      PartitionFold.addInto(bootAbs, o.bootAbs);
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
      double[] share = LogitImportance.shares(importance);
      int b = bootWeight.length;
      double[][] draws = new double[k][b];
      for (int rep = 0; rep < b; rep++) {
        double total = 0;
        for (int g = 0; g < k; g++) {
          total += bootAbs[rep * k + g];
        }
        for (int g = 0; g < k; g++) {
          draws[g][rep] = total > 0 ? bootAbs[rep * k + g] / total : Double.NaN;
        }
      }
      List<DriverEstimate> out = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        FeatureGroup group = groups.get(g);
        PercentileInterval ci = PercentileInterval.of(draws[g], LEVEL);
        Integer direction = null;
        if (group.valueFeature() >= 0) {
          double cov = valueTimesContribution[g] / n - (value[g] / n) * (sum[g] / n);
          direction = cov < 0 ? -1 : 1;
        }
        Double performance =
            DriverEstimate.scored(group) && answered[g] > 0 ? answeredSum[g] / answered[g] : null;
        out.add(
            new DriverEstimate(
                group, importance[g], share[g], ci.low(), ci.high(), direction, performance, n));
      }
      return out;
    }
  }
}
