package io.cx.jobs.cli;

import io.cx.common.config.DidYouMean;
import io.cx.common.config.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cx run}: the nightly pipeline for one logical date. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the nightly pipeline for one logical date; stops at the first failure.")
final class RunCommand implements Callable<Integer> {
  @Mixin JobOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      split = ",",
      paramLabel = "JOB",
      description = "Jobs to run, in pipeline order whatever order is given (default: all).")
  List<String> jobs = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> chosen = chosenJobs(jobs);
    var config = options.load();
    return Pipeline.exitCode(
        Pipeline.run(
            config,
            options.date,
            chosen,
            spec.commandLine().getOut(),
            spec.commandLine().getErr()));
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
