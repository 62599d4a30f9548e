package io.cx.jobs.cli;

import io.cx.common.config.DidYouMean;
import io.cx.common.config.Problems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cx run}: the nightly pipeline for one logical date ({@code --date}), or for each date of a
 * range in order ({@code --from}/{@code --to}, a backfill that resumes after the dates already
 * done).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the nightly pipeline for one logical date (--date), or for each date of a range in"
            + " order (--from/--to), resuming after the dates run_log shows done; stops at the"
            + " first failure with its exit code.")
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Logical date of the run, as the scheduler passes it.")
  LocalDate date;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First date of a range (with --to): a backfill, one date after the other.")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Last date of the range, included.")
  LocalDate to;

  @Option(
      names = "--force",
      description = "With --from/--to: run every date of the range, also those run_log shows done.")
  boolean force;

  @Option(
      names = "--jobs",
      split = ",",
      paramLabel = "JOB",
      description = "Jobs to run, in pipeline order whatever order is given (default: all).")
  List<String> jobs = new ArrayList<>();

  @Override
  public Integer call() {
    checkDates();
    List<String> chosen = chosenJobs(jobs);
    var cfg = config.load();
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (date != null) {
      return Pipeline.exitCode(Pipeline.run(cfg, date, chosen, out, err));
    }
    return new Backfill(cfg, chosen, out, err).run(from, to, force);
  }

  /** One date or one range, the range forward; a usage error (exit 2) otherwise. */
  private void checkDates() {
    Problems problems = new Problems("cx run");
    boolean range = from != null || to != null;
    if (date == null && !range) {
      problems.add(
          "--date",
          "is missing; give the logical date (--date YYYY-MM-DD) or a range of dates (--from"
              + " YYYY-MM-DD --to YYYY-MM-DD)");
    } else if (date != null && range) {
      problems.add("--date", "give either --date or --from/--to, not both");
    } else if (range && to == null) {
      problems.add("--to", "is missing; a range needs --from and --to (both included)");
    } else if (range && from == null) {
      problems.add("--from", "is missing; a range needs --from and --to (both included)");
    } else if (range && from.isAfter(to)) {
      problems.add(
          "--from",
          from + " is after --to " + to + "; a range runs forward, so give --from <= --to");
    }
    if (force && !range) {
      problems.add("--force", "only applies to a range (--from/--to); a single --date always runs");
    }
    problems.throwIfAny();
  }

  static List<String> chosenJobs(List<String> asked) {
    if (asked.isEmpty()) {
      return Jobs.names();
    }
    Problems problems = new Problems("--jobs");
    for (String j : asked) {
      if (!Jobs.names().contains(j)) {
        String hint = DidYouMean.closest(j, Jobs.names());
        problems.add(
            j,
            "is not a job"
                + (hint == null ? "" : "; did you mean '" + hint + "'?")
                + " Jobs: "
                + String.join(", ", Jobs.names()));
      }
    }
    problems.throwIfAny();
    return Jobs.names().stream().filter(asked::contains).toList();
  }
}
