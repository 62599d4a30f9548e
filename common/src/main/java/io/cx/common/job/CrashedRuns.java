package io.cx.common.job;

import static org.apache.spark.sql.functions.col;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.lock.HostIdentity;
import io.cx.common.lock.LockRecord;
import io.cx.common.spark.TableIO;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run_log rows of runs whose process ended before they finished (killed, out of memory, the
 * machine lost): such a run writes no row of its own, so the run that takes over its locks writes
 * one for it, and run_log shows the failed attempt beside the good one.
 *
 * <p>A run takes the locks of every job it will run before the first starts, each under that job's
 * run id, and runs the jobs in pipeline order, stopping at the first failure. So of a crashed run's
 * jobs, those with a run_log row finished; the first without one was running when the process ended
 * (or about to start), and the later ones never started. That first job gets a row: status {@code
 * failed}, exit code 1 (retrying is what helps), no rows counted, from when its run took the lock
 * to its last heartbeat, with an error saying what happened.
 */
public final class CrashedRuns {
  private static final Logger LOG = LoggerFactory.getLogger(CrashedRuns.class);

  private CrashedRuns() {}

  /**
   * Writes the run_log row of each crashed run among the lock records taken over.
   *
   * @param takenOver the records of the locks a run took over (of one date)
   * @param jobOrder the order in which a run runs its jobs
   * @param foundBy the run id of the run that took them over
   * @return the rows written
   */
  public static List<JobResult> record(
      TableIO tables, Collection<LockRecord> takenOver, List<String> jobOrder, String foundBy) {
    if (takenOver.isEmpty()) {
      return List.of();
    }
    Map<HostIdentity, List<LockRecord>> byProcess = new LinkedHashMap<>();
    for (LockRecord r : takenOver) {
      byProcess.computeIfAbsent(r.holder(), h -> new ArrayList<>()).add(r);
    }
    Set<String> logged = logged(tables, takenOver);
    List<JobResult> rows = new ArrayList<>();
    for (List<LockRecord> run : byProcess.values()) {
      crashed(run, logged, jobOrder, foundBy)
          .ifPresent(
              r -> {
                RunLog.write(tables, r);
                LOG.warn("cx {} {}: run {} {}", r.job(), r.runDate(), r.runId(), r.error());
                rows.add(r);
              });
    }
    return rows;
  }

  /**
   * The row of one crashed process's run, from its lock records, or empty when each of its jobs has
   * a run_log row (it ended after its last job, before releasing its locks).
   */
  static Optional<JobResult> crashed(
      List<LockRecord> run, Set<String> logged, List<String> jobOrder, String foundBy) {
    Comparator<LockRecord> inOrder =
        Comparator.comparingInt(
            r -> jobOrder.contains(r.key().job()) ? jobOrder.indexOf(r.key().job()) : 1 << 20);
    Optional<LockRecord> first = run.stream().filter(r -> !logged.contains(r.runId())).min(inOrder);
    if (first.isEmpty()) {
      return Optional.empty();
    }
    String runId = first.get().runId();
    List<LockRecord> job = run.stream().filter(r -> r.runId().equals(runId)).toList();
    String journeys =
        job.stream()
            .map(r -> r.key().journey())
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .collect(Collectors.joining(","));
    Instant started = job.stream().map(LockRecord::startedAt).min(Instant::compareTo).orElseThrow();
    Instant lastSeen =
        job.stream().map(LockRecord::heartbeatAt).max(Instant::compareTo).orElseThrow();
    HostIdentity holder = first.get().holder();
    String error =
        "the run's process (pid "
            + holder.pid()
            + " on host "
            + holder.host()
            + ") ended before cx "
            + first.get().key().job()
            + " finished: it was killed or crashed; its last heartbeat was at "
            + lastSeen.truncatedTo(ChronoUnit.SECONDS)
            + ". Run "
            + foundBy
            + " found it when taking over its lock.";
    return Optional.of(
        new JobResult(
            runId,
            first.get().key().job(),
            first.get().key().runDate(),
            journeys,
            ExitCodes.STATUS_FAILED,
            ExitCodes.RETRYABLE,
            started,
            lastSeen.isBefore(started) ? started : lastSeen,
            0,
            0,
            0,
            Map.of(),
            null,
            error,
            null,
            Map.of()));
  }

  /** The run ids among the records that have a run_log row. */
  private static Set<String> logged(TableIO tables, Collection<LockRecord> records) {
    List<Object> ids =
        records.stream().map(LockRecord::runId).distinct().map(id -> (Object) id).toList();
    return tables
        .readIfExists(Tables.RUN_LOG)
        .map(
            log ->
                log
                    .where(col(Cols.RUN_ID).isin(ids.toArray()))
                    .select(Cols.RUN_ID)
                    .distinct()
                    .collectAsList()
                    .stream()
                    .map(r -> r.getString(0))
                    .collect(Collectors.toSet()))
        .orElse(Set.of());
  }
}
