package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The kpis transform, top to bottom: answers to the cells they feed, sums per day with the ALL
 * roll-ups, periods, norms, values and tests, Benjamini-Hochberg alerts, benchmarks. A pure
 * function of DataFrames; {@link KpisJob} does the reading and writing.
 */
final class TouchpointKpis {
  private TouchpointKpis() {}

  /**
   * The touchpoint_kpis rows of the periods the plan writes.
   *
   * @param answers survey answers from {@link KpiAnswers#inWindow}
   * @param segments from {@link KpiAnswers#segmentsAsOf}, or null without a customers table
   * @param feeds {@link KpiFeeds#table}
   * @param benchmarks {@link Benchmarks#table}, or null
   * @param plan the periods to compute
   * @param options min_n and fdr
   */
  static Dataset<Row> compute(
      Dataset<Row> answers,
      Dataset<Row> segments,
      Dataset<Row> feeds,
      Dataset<Row> benchmarks,
      PeriodPlan plan,
      KpiOptions options) {
    Dataset<Row> cells = KpiAnswers.toCells(answers, segments, feeds);
    Dataset<Row> sums = CellSums.byPeriod(CellSums.daily(cells), plan.grains());
    // The norm looks back over periods that are read but not written, so filter after it.
    Dataset<Row> current = Norms.attach(sums, plan.normPeriods()).where(plan.isWritten());
    Dataset<Row> estimated = KpiValues.estimate(current, options.minN());
    Dataset<Row> adjusted =
        BenjaminiHochberg.adjust(
            estimated,
            Cols.P_VALUE,
            Cols.Q_VALUE,
            new String[] {Cols.JOURNEY, Cols.PERIOD_GRAIN, Cols.PERIOD_START},
            CellSums.CUT.toArray(String[]::new));
    Column adverse = col(Cols.VALUE).lt(col(Cols.NORM));
    Dataset<Row> alerted =
        adjusted.withColumn(
            Cols.ALERT, coalesce(col(Cols.Q_VALUE).leq(options.fdr()).and(adverse), lit(false)));
    Dataset<Row> out =
        Benchmarks.attach(alerted, benchmarks)
            .withColumn(Cols.COMPLETE, lastDay().leq(lit(Date.valueOf(plan.runDate()))))
            .withColumn(Cols.RUN_DATE, lit(Date.valueOf(plan.runDate())));
    return Schemas.conform(out, Schemas.TOUCHPOINT_KPIS);
  }

  /** The last day of each row's period. */
  private static Column lastDay() {
    Column grain = col(Cols.PERIOD_GRAIN);
    Column start = col(Cols.PERIOD_START);
    return when(grain.equalTo(Grain.WEEK.id()), date_add(start, 6))
        .when(grain.equalTo(Grain.MONTH.id()), last_day(start))
        .otherwise(start);
  }

  /** Selects the columns of a contract schema, in its order and types. */
}
