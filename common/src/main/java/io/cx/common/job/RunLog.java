package io.cx.common.job;

import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The run_log table: one row per job run, appended (it is a log: a retried date shows both
 * attempts).
 */
public final class RunLog {
  private RunLog() {}

  public static Row toRow(JobResult r) {
    return RowFactory.create(
        r.runId(),
        r.job(),
        Date.valueOf(r.runDate()),
        r.journeys(),
        r.status(),
        r.exitCode(),
        Timestamp.from(r.startedAt()),
        Timestamp.from(r.finishedAt()),
        r.rowsRead(),
        r.rowsWritten(),
        r.rowsRejected(),
        scala.collection.JavaConverters.mapAsScalaMap(r.inputVersions()),
        r.configHash(),
        r.error(),
        r.message(),
        scala.collection.JavaConverters.mapAsScalaMap(r.outputVersions()));
  }

  public static void write(TableIO tables, JobResult r) {
    var df = tables.spark().createDataFrame(List.of(toRow(r)), Schemas.RUN_LOG);
    tables.append(Tables.RUN_LOG, df);
  }
}
