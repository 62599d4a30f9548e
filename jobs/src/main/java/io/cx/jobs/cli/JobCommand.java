package io.cx.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cx <job> --config FILE --date D}: runs one job of the pipeline. */
@Command(mixinStandardHelpOptions = true)
final class JobCommand implements Callable<Integer> {
  private final String job;
  @Mixin JobOptions options;
  @Spec CommandSpec spec;

  JobCommand(String job) {
    this.job = job;
  }

  @Override
  public Integer call() {
    var config = options.load();
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    return Pipeline.exitCode(Pipeline.run(config, options.date, List.of(job), out, err));
  }
}
