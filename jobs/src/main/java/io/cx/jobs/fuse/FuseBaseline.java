package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.spark.TableIO;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What fuse's current-state tables were last computed from, for the config's journeys: the last
 * successful fuse run of each journey in run_log (the latest to finish), its run date and the
 * version of each input it read. Over several journeys the earliest date and, per input, the
 * smallest version stand for all: changes since then cover every journey.
 *
 * @param runDate the earliest run date of the journeys' last runs
 * @param versions the smallest version read of each input; an input absent from a run is absent
 */
record FuseBaseline(LocalDate runDate, Map<String, Long> versions) {
  private static final String[] INPUTS = {
    Tables.SURVEY_ANSWERS, Tables.BEHAVIOR_EVENTS, Tables.CUSTOMERS
  };

  /** The baseline, or null when a journey has no successful fuse run (or there is no run_log). */
  static FuseBaseline of(TableIO tables, Collection<String> journeys) {
    Dataset<Row> log = tables.readUnrecorded(Tables.RUN_LOG).orElse(null);
    if (log == null) {
      return null;
    }
    var runs =
        log.where(col(Cols.JOB).equalTo(JobNames.FUSE))
            .where(col(Cols.STATUS).equalTo(ExitCodes.STATUS_SUCCEEDED))
            .orderBy(desc(Cols.FINISHED_AT))
            .select(col(Cols.JOURNEY), col(Cols.RUN_DATE), col(Cols.INPUT_VERSIONS))
            .collectAsList();
    Map<String, Row> last = new LinkedHashMap<>();
    for (Row r : runs) {
      String listed = r.isNullAt(0) ? "" : r.getString(0);
      for (String j : listed.split(",")) {
        if (journeys.contains(j)) {
          last.putIfAbsent(j, r);
        }
      }
    }
    if (!last.keySet().containsAll(journeys)) {
      return null;
    }
    LocalDate date = null;
    Map<String, Long> versions = new HashMap<>();
    boolean first = true;
    for (Row r : last.values()) {
      LocalDate d = r.getDate(1).toLocalDate();
      date = date == null || d.isBefore(date) ? d : date;
      Map<String, Long> read = r.isNullAt(2) ? Map.of() : r.getJavaMap(2);
      for (String input : INPUTS) {
        Long v = read.get(input);
        if (first && v != null) {
          versions.put(input, v);
        } else if (v == null) {
          versions.remove(input);
        } else if (versions.containsKey(input)) {
          versions.put(input, Math.min(versions.get(input), v));
        }
      }
      first = false;
    }
    return new FuseBaseline(date, Map.copyOf(versions));
  }
}
