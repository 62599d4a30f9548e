package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.asc_nulls_last;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Benjamini-Hochberg adjusted p-values (q-values) within families of tests. In a family of m
 * p-values sorted ascending, q_(i) = min over j >= i of min(1, m p_(j) / j); rejecting every test
 * with q <= alpha is the step-up procedure that keeps the false-discovery rate at alpha. Rows
 * without a p-value are not tests: they get a null q and do not count in m.
 */
final class BenjaminiHochberg {
  private static final String RANK = "_bh_rank";
  private static final String M = "_bh_m";
  private static final String RAW = "_bh_raw";

  private BenjaminiHochberg() {}

  /**
   * Adds {@code qColumn}.
   *
   * @param df the rows
   * @param pColumn the p-values (null for rows that are not tests)
   * @param qColumn the column to add
   * @param family the columns naming a family; ties in p are ordered by {@code tieBreak}
   * @param tieBreak columns making the order of equal p-values deterministic
   */
  static Dataset<Row> adjust(
      Dataset<Row> df, String pColumn, String qColumn, String[] family, String... tieBreak) {
    Column[] part = Arrays.stream(family).map(c -> col(c)).toArray(Column[]::new);
    Column[] order =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(asc_nulls_last(pColumn)),
                Arrays.stream(tieBreak).map(c -> col(c)))
            .toArray(Column[]::new);
    return df.withColumn(RANK, row_number().over(Window.partitionBy(part).orderBy(order)))
        .withColumn(M, count(col(pColumn)).over(Window.partitionBy(part)))
        // least() skips nulls, so rows without a p-value are kept null explicitly.
        .withColumn(
            RAW,
            when(
                col(pColumn).isNotNull(),
                least(lit(1.0), col(pColumn).multiply(col(M)).divide(col(RANK)))))
        .withColumn(
            qColumn,
            min(col(RAW))
                .over(
                    Window.partitionBy(part)
                        .orderBy(col(RANK).desc())
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .drop(RANK, M, RAW);
  }
}
