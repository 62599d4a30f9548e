package io.cx.jobs.kpis;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes touchpoint_kpis. The table holds one row per cell: a run replaces exactly the rows of the
 * periods it computed (for its journeys), so the table is always "the current numbers" and a rerun
 * of a date writes the same rows again instead of a second copy. Each row's run_date says as of
 * which date it was computed; complete says whether its period had ended by then. Partitioned by
 * period_grain, so that a nightly run rewrites little besides its own day.
 */
final class KpiTableWriter {
  private KpiTableWriter() {}

  /** Replaces the plan's periods (of its journeys) with {@code rows}. */
  static void replace(TableIO tables, Dataset<Row> rows, PeriodPlan plan) {
    tables.replaceWhere(Tables.TOUCHPOINT_KPIS, rows, plan.replacePredicate(), Cols.PERIOD_GRAIN);
  }
}
