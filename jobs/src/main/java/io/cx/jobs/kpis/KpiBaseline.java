package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.spark.TableIO;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What touchpoint_kpis of a journey was last computed from: the last successful kpis run of the
 * journey in run_log (the latest to finish), with the version of survey_answers it read
 * (run_log.input_versions) and its run date.
 *
 * @param runId the run
 * @param runDate its run date
 * @param version the version of survey_answers it read
 */
record KpiBaseline(String runId, LocalDate runDate, long version) {

  /** The baseline of each journey that has one; none without run_log. */
  static Map<String, KpiBaseline> of(TableIO tables, Collection<String> journeys) {
    Map<String, KpiBaseline> out = new LinkedHashMap<>();
    Dataset<Row> log = tables.readUnrecorded(Tables.RUN_LOG).orElse(null);
    if (log == null) {
      return out;
    }
    var version = col(Cols.INPUT_VERSIONS).getItem(Tables.SURVEY_ANSWERS);
    var runs =
        log.where(col(Cols.JOB).equalTo(JobNames.KPIS))
            .where(col(Cols.STATUS).equalTo(ExitCodes.STATUS_SUCCEEDED))
            .where(version.isNotNull())
            .orderBy(desc(Cols.FINISHED_AT))
            .select(col(Cols.JOURNEY), col(Cols.RUN_ID), col(Cols.RUN_DATE), version)
            .collectAsList();
    for (Row r : runs) {
      String listed = r.isNullAt(0) ? "" : r.getString(0);
      for (String j : listed.split(",")) {
        if (journeys.contains(j) && !out.containsKey(j)) {
          out.put(j, new KpiBaseline(r.getString(1), r.getDate(2).toLocalDate(), r.getLong(3)));
        }
      }
    }
    return out;
  }
}
