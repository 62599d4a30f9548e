package io.cx.jobs.churn.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.cx.jobs.churn.spark.PartitionFold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@link BinaryMetrics}, {@link Reliability} and {@link ModelCurves} of probabilities on a
 * Dataset, computed in two reproducible passes for any number of probability columns and groups of
 * rows at once: the score histograms and the reliability's cells by one group-by on the 1e-6 grid,
 * and the sums of log loss and squared error per partition, merged in partition order ({@link
 * PartitionFold}).
 *
 * @param metrics the metrics
 * @param reliability the reliability table
 * @param curves the ROC, lift and calibration curves, from the same histogram and table
 */
public record ProbabilityEvaluation(
    BinaryMetrics metrics, Reliability reliability, ModelCurves curves) {

  /** Evaluates probabilities in column {@code p} against 0/1 labels in column {@code y}. */
  public static ProbabilityEvaluation of(Dataset<Row> rows, String p, String y) {
    String all = "all";
    return of(rows.withColumn("_group", lit(all)), "_group", List.of(p), y).get(p).get(all);
  }

  /**
   * Per probability column, per value of the (string) group column, the evaluation of those rows.
   */
  public static Map<String, Map<String, ProbabilityEvaluation>> of(
      Dataset<Row> rows, String group, List<String> probabilities, String y) {
    int k = probabilities.size();
    Dataset<Row> stacked = null;
    for (int i = 0; i < k; i++) {
      Dataset<Row> one =
          rows.select(
              lit(i).as("_i"),
              col(group).as("_g"),
              round(col(probabilities.get(i)).divide(RankingHistogram.GRID)).cast("long").as("_k"),
              col(probabilities.get(i)).as("_p"),
              col(y).as("_y"));
      stacked = stacked == null ? one : stacked.union(one);
    }
    Map<String, TreeMap<Double, long[]>> hist = new HashMap<>();
    Map<String, TreeMap<Long, double[]>> cells = new HashMap<>();
    for (Row r :
        stacked
            .groupBy("_i", "_g", "_k")
            .agg(sum(col("_y")).cast("long").as("pos"), count("*").as("n"), sum("_p").as("sp"))
            .collectAsList()) {
      String key = r.getInt(0) + "\u0000" + r.getString(1);
      long cell = r.getLong(2);
      long pos = r.getLong(3);
      long n = r.getLong(4);
      hist.computeIfAbsent(key, x -> new TreeMap<>())
          .put(cell * RankingHistogram.GRID, new long[] {pos, n - pos});
      cells
          .computeIfAbsent(key, x -> new TreeMap<>())
          .put(cell, new double[] {cell, n, pos, r.getDouble(5)});
    }
    List<Column> cols = new ArrayList<>();
    cols.add(col(group));
    cols.add(col(y));
    probabilities.forEach(p -> cols.add(col(p)));
    TreeMap<String, Sums> sums =
        PartitionFold.fold(
            rows.select(cols.toArray(Column[]::new)),
            it -> {
              TreeMap<String, Sums> s = new TreeMap<>();
              while (it.hasNext()) {
                Row r = it.next();
                double label = r.getDouble(1);
                for (int i = 0; i < k; i++) {
                  s.computeIfAbsent(i + "\u0000" + r.getString(0), x -> new Sums())
                      .add(r.getDouble(2 + i), label);
                }
              }
              return s;
            },
            (a, b) -> {
              b.forEach((key, v) -> a.merge(key, v, Sums::merge));
              return a;
            });
    Map<String, Map<String, ProbabilityEvaluation>> out = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      out.put(probabilities.get(i), new TreeMap<>());
    }
    sums.forEach(
        (key, s) -> {
          String[] parts = key.split("\u0000", 2);
          int i = Integer.parseInt(parts[0]);
          RankingHistogram h = RankingHistogram.fromAscending(hist.get(key));
          BinaryMetrics m = BinaryMetrics.of(h, s.logLoss, s.brier);
          Reliability reliability = Reliability.ofCells(new ArrayList<>(cells.get(key).values()));
          out.get(probabilities.get(i))
              .put(
                  parts[1],
                  new ProbabilityEvaluation(m, reliability, ModelCurves.of(h, reliability)));
        });
    return out;
  }

  /** One group's sums. */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    double logLoss;
    double brier;

    void add(double p, double y) {
      logLoss += BinaryMetrics.logLoss(p, y);
      brier += (p - y) * (p - y);
    }

    Sums merge(Sums other) {
      logLoss += other.logLoss;
      brier += other.brier;
      return this;
    }
  }
}
