package io.cx.jobs.churn.whatif;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.stats.NormalDraws;
import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the outcomes follow the touchpoints, for the what-if scenarios: one least-squares regression
 * per outcome on all the journey's responses of the run date,
 *
 * <pre>
 *   outcome ~ 1 + sum_t (b_t tp_t + c_t answered_t = 0)
 * </pre>
 *
 * with an unanswered touchpoint's score set to 0 beside its not-answered indicator (with the
 * indicator in the model, the value given to unanswered scores does not change b_t). The outcomes:
 * {@code satisfaction} (0..1), {@code recommend} (0..10) and {@code effort} (0..1). Only b_t is
 * used: the change of an outcome when a touchpoint's score moves by d is b_t d (the average
 * marginal effect, holding the other touchpoints fixed). These are associations in observational
 * data, not causal effects.
 *
 * <p>Uncertainty: the slopes of all the outcomes are drawn jointly {@code draws} times from N(b,
 * V), V the cluster-robust (by customer) sandwich {@code B G B x C/(C-1)}, B the block-diagonal of
 * the outcomes' (X'X)^-1, G the sum over customers of the outer product of the customer's summed
 * scores {@code x (y - x b)} stacked over the outcomes, C the number of customers. The what-if
 * repeats its prediction per draw; the percentiles of the draws give its interval.
 */
public final class OutcomeModels implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, double[]> slopes;
  private final Map<String, double[][]> draws;
  private final double[][] covariance;

  /** Slopes without draws: predictions without intervals. */
  public OutcomeModels(Map<String, double[]> slopes) {
    this(slopes, Map.of(), new double[0][0]);
  }

  /**
   * @param slopes outcome to its slope per touchpoint
   * @param draws outcome to its drawn slopes, [draw][touchpoint]; every outcome has as many draws
   * @param covariance the joint covariance the draws come from, over the slopes of the outcomes in
   *     the order of {@code slopes}, touchpoints within each
   */
  public OutcomeModels(
      Map<String, double[]> slopes, Map<String, double[][]> draws, double[][] covariance) {
    this.slopes = new LinkedHashMap<>(slopes);
    this.draws = new LinkedHashMap<>(draws);
    this.covariance = covariance;
  }

  /** The slope of an outcome on touchpoint t (position in the list given to fit), or 0. */
  double slope(String outcome, int touchpoint) {
    double[] s = slopes.get(outcome);
    return s == null ? 0.0 : s[touchpoint];
  }

  /** The slope in draw r, or 0 for an outcome without a model. */
  double slope(String outcome, int touchpoint, int r) {
    double[][] d = draws.get(outcome);
    return d == null ? 0.0 : d[r][touchpoint];
  }

  /** Draws of the slopes (0: no interval). */
  int draws() {
    return draws.values().stream().mapToInt(d -> d.length).findFirst().orElse(0);
  }

  Map<String, double[]> slopes() {
    return slopes;
  }

  /** The slopes' clustered covariance (see the constructor); empty without draws. */
  double[][] covariance() {
    return covariance;
  }

  /**
   * @param rows the journey's feature rows (with customer_id and response_id)
   * @param touchpoints the touchpoint score columns
   * @param outcomes outcome name to its column: satisfaction, recommend, effort (present ones)
   * @param draws draws of the slopes for the intervals
   * @param seed seed of the draws
   */
  public static OutcomeModels fit(
      Dataset<Row> rows,
      List<String> touchpoints,
      Map<String, String> outcomes,
      int draws,
      long seed) {
    List<String> names = new ArrayList<>(outcomes.keySet());
    List<Column> cols = new ArrayList<>();
    touchpoints.forEach(t -> cols.add(col(t).cast("double")));
    outcomes.values().forEach(o -> cols.add(col(o).cast("double")));
    Design design = new Design(touchpoints.size(), names.size());
    int k = design.k();
    int m = names.size();
    double[] sums =
        PartitionFold.fold(
            rows.select(cols.toArray(Column[]::new)), design::moments, PartitionFold::addInto);
    List<Integer> fitted = new ArrayList<>();
    double[][] coef = new double[m][];
    double[][][] inverse = new double[m][][];
    for (int o = 0; o < m; o++) {
      int base = o * (k * k + k);
      double[][] xtx = new double[k][k];
      double[] xty = new double[k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          xtx[a][b] = sums[base + a * k + b];
        }
        xty[a] = sums[base + k * k + a];
      }
      if (xtx[0][0] < 2) {
        continue;
      }
      DecompositionSolver solver =
          new SingularValueDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver();
      coef[o] = solver.solve(new ArrayRealVector(xty, false)).toArray();
      inverse[o] = solver.getInverse().getData();
      fitted.add(o);
    }
    Map<String, double[]> slopes = new LinkedHashMap<>();
    for (int o : fitted) {
      slopes.put(names.get(o), design.slopes(coef[o]));
    }
    if (fitted.isEmpty() || draws == 0) {
      return new OutcomeModels(slopes);
    }
    List<Column> clustered = new ArrayList<>(cols);
    clustered.add(col(Cols.CUSTOMER_ID));
    Dataset<Row> byCustomer =
        rows.repartition(rows.javaRDD().getNumPartitions(), col(Cols.CUSTOMER_ID))
            .sortWithinPartitions(Cols.CUSTOMER_ID, Cols.RESPONSE_ID)
            .select(clustered.toArray(Column[]::new));
    double[] g = design.clusteredScores(byCustomer, coef);
    double[][] cov = covariance(design, fitted, coef, inverse, g);
    return new OutcomeModels(
        slopes, drawSlopes(names, fitted, coef, cov, design.touchpoints(), draws, seed), cov);
  }

  /**
   * The clustered covariance B G B C/(C-1) restricted to the fitted outcomes' touchpoint slopes:
   * row i is outcome fitted.get(i / t), coefficient 1 + i % t.
   */
  private static double[][] covariance(
      Design design, List<Integer> fitted, double[][] coef, double[][][] inverse, double[] g) {
    int k = design.k();
    int t = design.touchpoints();
    int mk = coef.length * k;
    double customers = g[mk * mk];
    double c = customers > 1 ? customers / (customers - 1) : 1;
    int q = fitted.size() * t;
    double[][] cov = new double[q][q];
    for (int i = 0; i < q; i++) {
      int oi = fitted.get(i / t);
      int ai = 1 + i % t;
      for (int j = 0; j < q; j++) {
        int oj = fitted.get(j / t);
        int aj = 1 + j % t;
        // (B G B)[oi ai, oj aj] = sum_{a, b} Binv_oi[ai][a] G[oi a, oj b] Binv_oj[b][aj]
        double v = 0;
        for (int a = 0; a < k; a++) {
          double left = inverse[oi][ai][a];
          int row = (oi * k + a) * mk + oj * k;
          for (int b = 0; b < k; b++) {
            v += left * g[row + b] * inverse[oj][b][aj];
          }
        }
        cov[i][j] = c * v;
      }
    }
    return cov;
  }

  /** Joint draws of the fitted outcomes' touchpoint slopes from N(b, cov), split per outcome. */
  private static Map<String, double[][]> drawSlopes(
      List<String> names,
      List<Integer> fitted,
      double[][] coef,
      double[][] cov,
      int t,
      int draws,
      long seed) {
    double[] mean = new double[cov.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = coef[fitted.get(i / t)][1 + i % t];
    }
    double[][] joint = NormalDraws.of(mean, cov, draws, seed);
    Map<String, double[][]> out = new LinkedHashMap<>();
    for (int f = 0; f < fitted.size(); f++) {
      double[][] d = new double[draws][t];
      for (int r = 0; r < draws; r++) {
        System.arraycopy(joint[r], f * t, d[r], 0, t);
      }
      out.put(names.get(fitted.get(f)), d);
    }
    return out;
  }
}
