package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.SparkSessions;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Runs jobs in order for one date, printing one line per job, and stops at the first failure. */
final class Pipeline {
  private Pipeline() {}

  static List<JobResult> run(
      JobConfig config, LocalDate date, List<String> jobNames, PrintWriter out, PrintWriter err) {
    SparkSession spark = SparkSessions.getOrCreate(config);
    JobContext ctx = JobContext.of(spark, config, date);
    List<JobResult> results = new ArrayList<>();
    for (String name : jobNames) {
      Job job = Jobs.create(name);
      JobResult r = JobRunner.run(job, ctx);
      results.add(r);
      print(r, r.succeeded() ? out : err);
      if (!r.succeeded()) {
        break;
      }
      ctx = ctx.nextRun();
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
