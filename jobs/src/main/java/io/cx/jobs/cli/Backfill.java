package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.error.RunLockedException;
import io.cx.common.job.JobResult;
import io.cx.common.job.RunHistory;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SparkSessions;
import io.cx.common.spark.TableIO;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx run --from D1 --to D2}: the pipeline for each date of a range, in order, in one JVM. It
 * stops at the first date that fails, with that date's exit code. Called again, it skips the dates
 * at the start of the range that run_log shows done (every job's latest attempt succeeded for every
 * journey of the config) and runs every date from the first one that is not, so that each date is
 * computed after the dates before it. {@code --force} runs every date.
 */
final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  /**
   * The dates of a range: those skipped as done, and those to run, in order.
   *
   * @param skipped the dates at the start of the range that are done
   * @param toRun the dates from the first one not done to the end of the range
   */
  record Plan(List<LocalDate> skipped, List<LocalDate> toRun) {}

  /** What became of each date once the backfill stops. */
  record Outcome(List<LocalDate> run, LocalDate failed, String failure, int exitCode) {}

  private final JobConfig config;
  private final List<String> jobs;
  private final PrintWriter out;
  private final PrintWriter err;

  Backfill(JobConfig config, List<String> jobs, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.jobs = List.copyOf(jobs);
    this.out = out;
    this.err = err;
  }

  /** The plan of a range given the dates done: the done dates before the first gap are skipped. */
  static Plan plan(LocalDate from, LocalDate to, Set<LocalDate> done, boolean force) {
    List<LocalDate> skipped = new ArrayList<>();
    List<LocalDate> toRun = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!force && toRun.isEmpty() && done.contains(d)) {
        skipped.add(d);
      } else {
        toRun.add(d);
      }
    }
    return new Plan(skipped, toRun);
  }

  /** Runs the range and prints its summary; returns the exit code of the date that failed, or 0. */
  int run(LocalDate from, LocalDate to, boolean force) {
    String range = from + ".." + to;
    List<String> journeys = config.journeys().stream().map(JourneyMap::id).toList();
    TableIO tables = new TableIO(SparkSessions.getOrCreate(config), config);
    Set<LocalDate> done = force ? Set.of() : RunHistory.done(tables, jobs, journeys, from, to);
    Plan plan = plan(from, to, done, force);
    out.printf(
        "cx run %s: %d dates; already done, skipped: %s; to run: %s%n",
        range,
        plan.skipped().size() + plan.toRun().size(),
        DateRanges.format(plan.skipped()),
        DateRanges.format(plan.toRun()));
    out.flush();
    LOG.info(
        "cx run {}: skipping {} dates already done, running {}",
        range,
        plan.skipped().size(),
        plan.toRun().size());
    Outcome outcome = runDates(plan.toRun());
    summary(range, plan, outcome);
    return outcome.exitCode();
  }

  private Outcome runDates(List<LocalDate> dates) {
    List<LocalDate> run = new ArrayList<>();
    for (LocalDate date : dates) {
      long start = System.nanoTime();
      LOG.info("cx run {}: started", date);
      List<JobResult> results;
      try {
        results = Pipeline.run(config, date, jobs, out, err);
      } catch (RunLockedException e) {
        err.println("cx run " + date + ": failed with exit 1: " + e.getMessage());
        err.flush();
        LOG.error("cx run {}: {}", date, e.getMessage());
        return new Outcome(run, date, "locked", e.exitCode());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int code = Pipeline.exitCode(results);
      if (code != 0) {
        String job = results.get(results.size() - 1).job();
        err.printf(
            Locale.ROOT,
            "cx run %s: failed at %s with exit %d after %.1f s%n",
            date,
            job,
            code,
            seconds);
        err.flush();
        LOG.error("cx run {}: failed at {} with exit {}", date, job, code);
        return new Outcome(run, date, job, code);
      }
      run.add(date);
      out.printf(
          Locale.ROOT,
          "cx run %s: succeeded in %.1f s (%d job%s)%n",
          date,
          seconds,
          results.size(),
          results.size() == 1 ? "" : "s");
      out.flush();
      LOG.info("cx run {}: succeeded in {} s", date, Math.round(seconds));
    }
    return new Outcome(run, null, null, 0);
  }

  private void summary(String range, Plan plan, Outcome outcome) {
    PrintWriter w = outcome.exitCode() == 0 ? out : err;
    List<LocalDate> notRun =
        outcome.failed() == null
            ? List.of()
            : plan.toRun().subList(plan.toRun().indexOf(outcome.failed()) + 1, plan.toRun().size());
    w.println("cx run " + range + ": exit " + outcome.exitCode());
    w.println("  run: " + DateRanges.format(outcome.run()));
    w.println("  skipped, already done: " + DateRanges.format(plan.skipped()));
    w.println(
        "  failed: "
            + (outcome.failed() == null
                ? "none"
                : outcome.failed()
                    + " ("
                    + outcome.failure()
                    + ", exit "
                    + outcome.exitCode()
                    + ")"));
    w.println("  not run: " + DateRanges.format(notRun));
    w.flush();
  }
}
