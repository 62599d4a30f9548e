package io.cx.jobs.report;

import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The output tables a report reads; each empty when the table does not exist yet (its section then
 * says so).
 */
public record ReportTables(
    Optional<Dataset<Row>> driverImportance,
    Optional<Dataset<Row>> metricThresholds,
    Optional<Dataset<Row>> driverImpact,
    Optional<Dataset<Row>> churnScores,
    Optional<Dataset<Row>> modelMetrics,
    Optional<Dataset<Row>> modelCurves,
    Optional<Dataset<Row>> touchpointKpis,
    Optional<Dataset<Row>> runLog,
    Optional<Dataset<Row>> rejectedRecords) {

  /** Reads the tables that exist, checking each against the contract's schema. */
  public static ReportTables read(TableIO io) {
    return new ReportTables(
        read(io, Tables.DRIVER_IMPORTANCE),
        read(io, Tables.METRIC_THRESHOLDS),
        read(io, Tables.DRIVER_IMPACT),
        read(io, Tables.CHURN_SCORES),
        read(io, Tables.MODEL_METRICS),
        read(io, Tables.MODEL_CURVES),
        read(io, Tables.TOUCHPOINT_KPIS),
        read(io, Tables.RUN_LOG),
        read(io, Tables.REJECTED_RECORDS));
  }

  private static Optional<Dataset<Row>> read(TableIO io, String table) {
    return io.readIfExists(table)
        .map(
            df -> {
              Schemas.requireTable(df, table, io.path(table));
              return df;
            });
  }
}
