package io.cx.jobs.churn.whatif;

import static org.apache.spark.sql.functions.col;

import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
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
 * {@code satisfaction} (0..1), {@code recommend} (0..10), {@code effort} (0..1), and for NPS the
 * linear probability models {@code promoter} (recommend >= 9) and {@code detractor} (recommend <=
 * 6), whose slopes give the change in the promoter and detractor shares, hence in NPS, when a
 * touchpoint score moves. Only b_t is used: the change of an outcome when a touchpoint's score
 * moves by d is b_t d (the average marginal effect, holding the other touchpoints fixed).
 */
public final class OutcomeModels implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PROMOTER = "promoter";
  public static final String DETRACTOR = "detractor";

  private final Map<String, double[]> slopes;

  public OutcomeModels(Map<String, double[]> slopes) {
    this.slopes = new LinkedHashMap<>(slopes);
  }

  /** The slope of an outcome on touchpoint t (position in the list given to fit), or 0. */
  double slope(String outcome, int touchpoint) {
    double[] s = slopes.get(outcome);
    return s == null ? 0.0 : s[touchpoint];
  }

  boolean has(String outcome) {
    return slopes.containsKey(outcome);
  }

  Map<String, double[]> slopes() {
    return slopes;
  }

  /**
   * @param rows the journey's feature rows
   * @param touchpoints the touchpoint score columns
   * @param outcomes outcome name to its column: satisfaction, recommend, effort (present ones)
   */
  public static OutcomeModels fit(
      Dataset<Row> rows, List<String> touchpoints, Map<String, String> outcomes) {
    List<String> names = new ArrayList<>(outcomes.keySet());
    String recommend = outcomes.get("recommend");
    if (recommend != null) {
      names.add(PROMOTER);
      names.add(DETRACTOR);
    }
    List<Column> cols = new ArrayList<>();
    touchpoints.forEach(t -> cols.add(col(t).cast("double")));
    outcomes.values().forEach(o -> cols.add(col(o).cast("double")));
    int t = touchpoints.size();
    int k = 1 + 2 * t;
    int m = names.size();
    int nOut = outcomes.size();
    int recIdx = recommend == null ? -1 : new ArrayList<>(outcomes.keySet()).indexOf("recommend");
    double[] sums =
        PartitionFold.fold(
            rows.select(cols.toArray(Column[]::new)),
            it -> {
              double[] s = new double[m * (k * k + k)];
              double[] x = new double[k];
              double[] y = new double[m];
              boolean[] has = new boolean[m];
              while (it.hasNext()) {
                Row r = it.next();
                x[0] = 1;
                for (int i = 0; i < t; i++) {
                  boolean missing = r.isNullAt(i);
                  x[1 + i] = missing ? 0 : r.getDouble(i);
                  x[1 + t + i] = missing ? 1 : 0;
                }
                for (int o = 0; o < nOut; o++) {
                  has[o] = !r.isNullAt(t + o);
                  y[o] = has[o] ? r.getDouble(t + o) : 0;
                }
                if (recIdx >= 0) {
                  has[nOut] = has[recIdx];
                  has[nOut + 1] = has[recIdx];
                  y[nOut] = y[recIdx] >= 9 ? 1 : 0;
                  y[nOut + 1] = y[recIdx] <= 6 ? 1 : 0;
                }
                for (int o = 0; o < m; o++) {
                  if (!has[o]) {
                    continue;
                  }
                  int base = o * (k * k + k);
                  for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                      s[base + a * k + b] += x[a] * x[b];
                    }
                    s[base + k * k + a] += x[a] * y[o];
                  }
                }
              }
              return s;
            },
            PartitionFold::addInto);
    Map<String, double[]> slopes = new LinkedHashMap<>();
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
      double[] beta =
          new SingularValueDecomposition(new Array2DRowRealMatrix(xtx, false))
              .getSolver()
              .solve(new ArrayRealVector(xty, false))
              .toArray();
      double[] s = new double[t];
      System.arraycopy(beta, 1, s, 0, t);
      slopes.put(names.get(o), s);
    }
    return new OutcomeModels(slopes);
  }
}
