package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What history expects of a cell: the sums of the same cell (journey, grain, metric, stage,
 * touchpoint, segment, channel) over the {@code norm_periods} calendar periods before the current
 * one. The norm is the value of the pooled history, which is the n-weighted mean of those periods'
 * values (with survey weights: weighted by each period's sum of weights). Periods without answers
 * add nothing; a period with few answers adds little.
 */
final class Norms {
  /** Prefix of the history sums: {@code _h_n}, {@code _h_sw}, ... */
  static final String H = "_h";

  private Norms() {}

  static String history(String sum) {
    return sum.equals(Cols.N) ? H + "_n" : H + sum;
  }

  /**
   * Adds the history sums ({@link #history}) to the period sums of {@link CellSums#byPeriod}; 0
   * when the cell has no answers in the previous periods.
   */
  static Dataset<Row> attach(Dataset<Row> sums, int normPeriods) {
    List<String> partition = new ArrayList<>(List.of(Cols.JOURNEY, Cols.PERIOD_GRAIN));
    partition.addAll(CellSums.CUT);
    WindowSpec previous =
        Window.partitionBy(
                partition.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
            .orderBy(col(CellSums.INDEX))
            .rangeBetween(-normPeriods, -1);
    Dataset<Row> out = sums;
    for (String s : CellSums.SUMS) {
      out = out.withColumn(history(s), coalesce(sum(col(s)).over(previous), lit(0)));
    }
    return out;
  }
}
