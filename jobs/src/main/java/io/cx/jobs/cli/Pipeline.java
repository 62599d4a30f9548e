package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.error.RunLockedException;
import io.cx.common.job.CrashedRuns;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.journey.JourneyMap;
import io.cx.common.lock.RunLease;
import io.cx.common.lock.RunLocks;
import io.cx.common.spark.SparkSessions;
import io.cx.common.spark.TableIO;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * Runs jobs in order for one date, printing one line per job, and stops at the first failure. It
 * first takes the run locks of every job and journey for the date ({@link RunLocks}): while one run
 * holds them, another run of the same fails at once with exit 1. Locks left by a run whose process
 * ended are taken over, and that run's unfinished job gets its run_log row ({@link CrashedRuns}).
 */
final class Pipeline {
  private Pipeline() {}

  /**
   * Runs the jobs for one date.
   *
   * @throws RunLockedException when another run holds a lock of these jobs, journeys and date, or
   *     took one over from this run (then the jobs already run keep their run_log rows)
   */
  static List<JobResult> run(
      JobConfig config, LocalDate date, List<String> jobNames, PrintWriter out, PrintWriter err) {
    SparkSession spark = SparkSessions.getOrCreate(config);
    TableIO tables = new TableIO(spark, config);
    Map<String, String> runIds = new LinkedHashMap<>();
    jobNames.forEach(name -> runIds.put(name, UUID.randomUUID().toString()));
    List<String> journeys = config.journeys().stream().map(JourneyMap::id).toList();
    RunLocks locks =
        RunLocks.of(config.warehouse(), config.locks(), spark.sessionState().newHadoopConf());
    List<JobResult> results = new ArrayList<>();
    try (RunLease lease = locks.acquire(date, runIds, journeys)) {
      CrashedRuns.record(tables, lease.takenOver(), Jobs.names(), runIds.values().iterator().next())
          .forEach(r -> print(r, err));
      for (String name : jobNames) {
        lease.checkHeld();
        JobContext ctx = new JobContext(spark, config, date, runIds.get(name), tables);
        JobResult r = JobRunner.run(Jobs.create(name), ctx);
        results.add(r);
        print(r, r.succeeded() ? out : err);
        if (!r.succeeded()) {
          break;
        }
      }
    }
    return results;
  }

  /**
   * The config {@code cx generate} wrote beside its data, with the warehouse moved to {@code
   * warehouse}, a local master and the given {@code --set} overrides: how {@code cx demo} and
   * {@code cx warm-up} run the pipeline on sample data (for {@link
   * GeneratorOptions#DEFAULT_END_DATE}).
   */
  static JobConfig sampleConfig(GeneratedData data, Path warehouse, String... sets) {
    List<String> all = new ArrayList<>(List.of("warehouse=" + warehouse, "spark.master=local[*]"));
    all.addAll(List.of(sets));
    return JobConfigLoader.load(data.config(), all);
  }

  static void print(JobResult r, PrintWriter stream) {
    stream.printf(
        Locale.ROOT,
        "cx %s %s: %s in %.1f s (read %d, written %d, rejected %d)%n",
        r.job(),
        r.runDate(),
        r.status(),
        r.durationMillis() / 1000.0,
        r.rowsRead(),
        r.rowsWritten(),
        r.rowsRejected());
    if (r.message() != null) {
      stream.println("  " + r.message());
    }
    if (r.error() != null) {
      stream.println("  error: " + r.error());
    }
  }

  /** The exit code of a pipeline: that of its first failure, or 0. */
  static int exitCode(List<JobResult> results) {
    return results.stream().mapToInt(JobResult::exitCode).filter(c -> c != 0).findFirst().orElse(0);
  }
}
