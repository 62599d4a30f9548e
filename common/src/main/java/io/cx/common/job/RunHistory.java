package io.cx.common.job;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.spark.TableIO;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What run_log says of past runs: which dates are done, so that a backfill called again resumes
 * where it stopped. A date is done for some jobs and journeys when, for each job and journey, the
 * latest attempt (by start) succeeded: a failed rerun after a success makes the date not done, as
 * it may have replaced some tables and not others.
 */
public final class RunHistory {
  private RunHistory() {}

  /** One attempt: its start and its status. */
  private record Attempt(Timestamp startedAt, String status) {}

  /** One job's attempts at one journey of one date. */
  private record Key(LocalDate date, String job, String journey) {}

  /**
   * The dates of {@code [from, to]} done for every job and journey given, read from run_log at its
   * latest version (not an input of a job: not recorded).
   */
  public static Set<LocalDate> done(
      TableIO tables,
      Collection<String> jobs,
      Collection<String> journeys,
      LocalDate from,
      LocalDate to) {
    Set<LocalDate> done = new TreeSet<>();
    Dataset<Row> log = tables.readUnrecorded(Tables.RUN_LOG).orElse(null);
    if (log == null) {
      return done;
    }
    List<Row> rows =
        log.where(
                functions
                    .col(Cols.RUN_DATE)
                    .between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))
                    .and(functions.col(Cols.JOB).isin(jobs.toArray())))
            .select(Cols.RUN_DATE, Cols.JOB, Cols.JOURNEY, Cols.STARTED_AT, Cols.STATUS)
            .collectAsList();
    Map<Key, Attempt> latest = new HashMap<>();
    for (Row r : rows) {
      Attempt a = new Attempt(r.getTimestamp(3), r.getString(4));
      String covered = r.isNullAt(2) ? "" : r.getString(2);
      for (String journey : covered.split(",")) {
        latest.merge(
            new Key(r.getDate(0).toLocalDate(), r.getString(1), journey.trim()),
            a,
            (x, y) -> y.startedAt().after(x.startedAt()) ? y : x);
      }
    }
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      LocalDate date = d;
      boolean all =
          jobs.stream()
              .allMatch(
                  job ->
                      journeys.stream()
                          .map(j -> latest.get(new Key(date, job, j)))
                          .allMatch(
                              a -> a != null && ExitCodes.STATUS_SUCCEEDED.equals(a.status())));
      if (all) {
        done.add(date);
      }
    }
    return done;
  }
}
