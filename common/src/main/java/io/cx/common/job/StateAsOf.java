package io.cx.common.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.CurrentState;
import io.cx.common.spark.TableIO;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A current-state table of fuse (journey_features, churn_labels, journey_stage_facts) as known at
 * the end of a run date: the version that the last successful fuse run of that date for the
 * journeys left (run_log's output_versions), read by Delta time travel, so that a rerun of an
 * earlier date sees what was known then. A table that no fuse run of the date wrote (written by
 * other means) is read at its latest version, and the read says so. Only the responses submitted in
 * the training window are kept.
 *
 * @param rows the journeys' rows submitted in the window
 * @param version the version read
 * @param note what the reader should tell the user, or null
 */
public record StateAsOf(Dataset<Row> rows, long version, String note) {

  /**
   * @param windowDays the training window: responses submitted in the last this many days up to the
   *     end of the run date
   */
  public static StateAsOf read(
      TableIO tables,
      String table,
      LocalDate runDate,
      Collection<String> journeys,
      ZoneId zone,
      int windowDays) {
    Dataset<Row> all = tables.read(table); // fails with the job to run when the table is missing
    CurrentState.requireLayout(tables, table, rebuildCommand(runDate));
    long latest = tables.versionsRead().get(table);
    long version = versionAt(tables, table, runDate, journeys);
    String note = null;
    Dataset<Row> rows = all;
    if (version < 0) {
      version = latest;
      note =
          table
              + ": no successful fuse run for "
              + runDate
              + " in run_log; its latest version "
              + latest
              + " was read.";
    } else if (version != latest) {
      rows = tables.readAt(table, version);
    }
    Timestamp end = Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
    Timestamp start =
        Timestamp.from(runDate.plusDays(1 - windowDays).atStartOfDay(zone).toInstant());
    return new StateAsOf(
        rows.where(col(Cols.JOURNEY).isin(journeys.toArray()))
            .where(col(Cols.SUBMITTED_AT).geq(lit(start)).and(col(Cols.SUBMITTED_AT).lt(lit(end)))),
        version,
        note);
  }

  /**
   * journey_features as known at the run date, in the training window, its columns checked against
   * the config's journey maps: what drivers and churn train on.
   */
  public static StateAsOf features(
      TableIO tables, JobConfig config, LocalDate runDate, int windowDays) {
    List<String> ids = config.journeys().stream().map(JourneyMap::id).toList();
    StateAsOf asOf =
        read(tables, Tables.JOURNEY_FEATURES, runDate, ids, config.timezone(), windowDays);
    Schemas.require(
        asOf.rows(),
        FeatureColumns.schemaOf(config.journeys()),
        Tables.JOURNEY_FEATURES,
        tables.path(Tables.JOURNEY_FEATURES),
        "run `cx fuse` for this date with the current journey maps");
    return asOf;
  }

  /** The command that rebuilds fuse's tables in the current layout. */
  public static String rebuildCommand(LocalDate runDate) {
    return "cx fuse --config FILE --date " + runDate + " --set fuse.recompute=full";
  }

  /**
   * The version of the table that the latest successful fuse run of the date covering every journey
   * wrote, or -1.
   */
  public static long versionAt(
      TableIO tables, String table, LocalDate runDate, Collection<String> journeys) {
    Dataset<Row> log = tables.readUnrecorded(Tables.RUN_LOG).orElse(null);
    if (log == null || !List.of(log.columns()).contains(Cols.OUTPUT_VERSIONS)) {
      return -1;
    }
    var written = col(Cols.OUTPUT_VERSIONS).getItem(table);
    List<Row> runs =
        log.where(col(Cols.JOB).equalTo(JobNames.FUSE))
            .where(col(Cols.STATUS).equalTo(ExitCodes.STATUS_SUCCEEDED))
            .where(col(Cols.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(runDate))))
            .where(written.isNotNull())
            .orderBy(desc(Cols.FINISHED_AT))
            .select(col(Cols.JOURNEY), written)
            .collectAsList();
    for (Row r : runs) {
      List<String> listed = r.isNullAt(0) ? List.of() : Arrays.asList(r.getString(0).split(","));
      if (listed.containsAll(journeys)) {
        return r.getLong(1);
      }
    }
    return -1;
  }
}
