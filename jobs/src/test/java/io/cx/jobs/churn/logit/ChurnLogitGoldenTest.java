package io.cx.jobs.churn.logit;

import static io.cx.jobs.testing.GoldenJson.assertClose;
import static io.cx.jobs.testing.GoldenJson.matrix;
import static io.cx.jobs.testing.GoldenJson.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.importance.DriverEstimate;
import io.cx.jobs.testing.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The logistic regression's objective, sandwich covariance and group importances against numpy's
 * Newton solution of MLlib's objective (churn_golden.py).
 */
class ChurnLogitGoldenTest {
  static final JsonNode G = GoldenJson.load("/churn/churn_golden.json").get("logit");
  static final List<FeatureGroup> GROUPS =
      List.of(
          new FeatureGroup("a", FeatureGroup.Kind.METRIC, new int[] {0}, 0),
          new FeatureGroup("b", FeatureGroup.Kind.TOUCHPOINT, new int[] {1, 2}, 1),
          new FeatureGroup("c", FeatureGroup.Kind.CUSTOMER, new int[] {3}, 3));

  static LogitFit goldenFit() {
    double[][] x = matrix(G.get("x"));
    double[] y = vector(G.get("y"));
    double[] w = vector(G.get("w"));
    double[] beta = vector(G.get("beta"));
    double b0 = G.get("intercept").asDouble();
    // Two partial sums merged, as the job's partitions are.
    LogitSums a = new LogitSums(beta.length);
    LogitSums b = new LogitSums(beta.length);
    for (int i = 0; i < x.length; i++) {
      (i < 120 ? a : b).add(x[i], y[i], w[i], b0, beta);
    }
    return LogitFit.of(a.merge(b), b0, beta, G.get("reg_param").asDouble());
  }

  @Test
  void momentsAndSandwichCovarianceMatchNumpy() {
    LogitFit fit = goldenFit();
    assertClose(vector(G.get("mean")), fit.mean(), 1e-12, "mean");
    double[][] cov = matrix(G.get("covariance"));
    double[][] bcov = matrix(G.get("beta_covariance"));
    for (int i = 0; i < cov.length; i++) {
      assertClose(cov[i], fit.covariance()[i], 1e-10, "covariance[" + i + "]");
      assertClose(bcov[i], fit.betaCovariance()[i], 1e-8, "beta covariance[" + i + "]");
    }
  }

  @Test
  void clusteredSandwichCovarianceMatchesNumpy() {
    double[][] x = matrix(G.get("x"));
    double[] y = vector(G.get("y"));
    double[] w = vector(G.get("w"));
    double[] cluster = vector(G.get("cluster"));
    double[] beta = vector(G.get("beta"));
    double b0 = G.get("intercept").asDouble();
    // Two partial sums merged, as the job's partitions are; a customer's rows are consecutive.
    LogitSums a = new LogitSums(beta.length, false);
    LogitSums b = new LogitSums(beta.length, false);
    double[] score = new double[beta.length + 1];
    for (int i = 0; i < x.length; i++) {
      LogitSums s = i < 120 ? a : b;
      s.addToCluster(x[i], y[i], w[i], b0, beta, score);
      if (i + 1 == x.length || cluster[i + 1] != cluster[i]) {
        s.endCluster(score);
      }
    }
    LogitFit fit = LogitFit.of(a.merge(b), b0, beta, G.get("reg_param").asDouble());
    double[][] clustered = matrix(G.get("beta_covariance_clustered"));
    double[][] rowWise = matrix(G.get("beta_covariance"));
    for (int i = 0; i < clustered.length; i++) {
      assertClose(clustered[i], fit.betaCovariance()[i], 1e-8, "clustered covariance[" + i + "]");
    }
    // Customers of three rows: the clustered variance differs from the row-wise one.
    assertTrue(Math.abs(clustered[0][0] - rowWise[0][0]) > 1e-3 * rowWise[0][0]);
    // One row per customer: the clustered sandwich is the row-wise one.
    LogitSums single = new LogitSums(beta.length, false);
    for (int i = 0; i < x.length; i++) {
      single.addToCluster(x[i], y[i], w[i], b0, beta, score);
      single.endCluster(score);
    }
    LogitFit singles = LogitFit.of(single, b0, beta, G.get("reg_param").asDouble());
    for (int i = 0; i < rowWise.length; i++) {
      assertClose(rowWise[i], singles.betaCovariance()[i], 1e-8, "singleton covariance[" + i + "]");
    }
  }

  @Test
  void waldPValuesMatchNumpy() {
    LogitFit fit = goldenFit();
    double[] expected = vector(G.get("wald_p_value"));
    for (int g = 0; g < GROUPS.size(); g++) {
      double p = LogitImportance.waldPValue(fit, GROUPS.get(g).features());
      assertEquals(expected[g], p, 1e-7 * expected[g], GROUPS.get(g).id());
    }
  }

  @Test
  void groupImportanceIsTheSpreadOfTheGroupsLogOdds() {
    LogitFit fit = goldenFit();
    double[] imp = LogitImportance.importances(fit.beta(), fit.covariance(), GROUPS);
    assertClose(vector(G.get("importance")), imp, 1e-10, "importance");
    // One feature: |b| sd.
    assertEquals(Math.abs(fit.beta()[0]) * fit.sd(0), imp[0], 1e-12);
  }

  @Test
  void intervalsComeFromSeededDrawsAndHoldTheShareOfTheReportedDrivers() {
    LogitFit fit = goldenFit();
    double[] perf = {Double.NaN, 0.5, Double.NaN};
    List<DriverEstimate> a = LogitImportance.of(fit, GROUPS, perf, 400, 42);
    List<DriverEstimate> b = LogitImportance.of(fit, GROUPS, perf, 400, 42);
    // The customer attribute "c" is a control: in the model, not reported, not in the shares.
    assertEquals(List.of("a", "b"), a.stream().map(e -> e.group().id()).toList());
    double[] imp = LogitImportance.importances(fit.beta(), fit.covariance(), GROUPS);
    double total = 0;
    for (int g = 0; g < a.size(); g++) {
      DriverEstimate e = a.get(g);
      assertEquals(e, b.get(g), "same seed, same draws");
      assertTrue(e.ciLow() <= e.share() && e.share() <= e.ciHigh(), e.toString());
      assertEquals(imp[g] / (imp[0] + imp[1]), e.share(), 1e-12);
      assertEquals(400, e.ciReplicates());
      total += e.share();
    }
    assertEquals(1.0, total, 1e-12);
    assertEquals(1, a.get(0).direction());
    assertEquals(-1, a.get(1).direction());
    assertEquals(0.5, a.get(1).performance());
    // n_driver: the rows where the touchpoint's indicator (feature 2) is 0.
    long answered = 0;
    for (double[] row : matrix(G.get("x"))) {
      answered += row[2] == 0 ? 1 : 0;
    }
    assertEquals(answered, a.get(1).nDriver());
    assertEquals(300, a.get(0).nDriver());
  }

  static LogitNewton.Solution newton() {
    double[][] x = matrix(G.get("x"));
    double[] y = vector(G.get("y"));
    double[] w = vector(G.get("w"));
    return LogitNewton.fit(
        x[0].length,
        G.get("reg_param").asDouble(),
        100,
        coef -> {
          LogitSums s = new LogitSums(x[0].length, false);
          double[] beta = java.util.Arrays.copyOfRange(coef, 1, coef.length);
          for (int i = 0; i < x.length; i++) {
            s.add(x[i], y[i], w[i], coef[0], beta);
          }
          return s;
        });
  }

  @Test
  void newtonFindsNumpysMinimumOfTheObjective() {
    LogitNewton.Solution s = newton();
    assertClose(G.get("intercept").asDouble(), s.intercept(), 1e-9, "intercept");
    assertClose(vector(G.get("beta")), s.beta(), 1e-9, "beta");
    assertTrue(s.iterations() < 15, "iterations " + s.iterations());
  }

  /** MLlib's L-BFGS on the same rows reaches the same optimum: the objectives are one. */
  @Test
  void mllibMinimisesTheSameObjective() {
    double[][] x = matrix(G.get("x"));
    double[] y = vector(G.get("y"));
    double[] w = vector(G.get("w"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create(Vectors.dense(x[i]), y[i], w[i]));
    }
    StructType schema =
        new StructType()
            .add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType)
            .add("w", DataTypes.DoubleType);
    LogisticRegressionModel m =
        new LogisticRegression()
            .setWeightCol("w")
            .setStandardization(true)
            .setRegParam(G.get("reg_param").asDouble())
            .setElasticNetParam(0)
            .setTol(1e-10)
            .setMaxIter(200)
            .fit(SharedSpark.get().createDataFrame(rows, schema));
    LogitNewton.Solution s = newton();
    assertClose(s.intercept(), m.intercept(), 1e-5, "intercept");
    assertClose(s.beta(), m.coefficients().toArray(), 1e-5, "beta");
  }
}
