package io.cx.jobs.cli;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.journey.JourneyMap;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cx validate}: checks the config and its journey maps and prints every problem, without
 * starting Spark. Exit 0 when valid, 2 otherwise.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check the config and the journey maps; print every problem. Starts no Spark job.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig c = options.load();
    PrintWriter out = spec.commandLine().getOut();
    out.println("OK: " + c.file() + " (config hash " + c.configHash().substring(0, 12) + ")");
    out.println("  warehouse: " + c.warehouse());
    for (JourneyMap j : c.journeys()) {
      out.printf(
          "  journey %s (%s): %d stages, %d touchpoints, %d metrics, %d questions%n",
          j.id(),
          j.sourceFile(),
          j.stages().size(),
          j.touchpoints().size(),
          j.metrics().size(),
          j.questions().size());
    }
    print(out, "surveys", c.surveys());
    print(out, "events", c.events());
    print(out, "customers", c.customers());
    print(out, "benchmarks", c.benchmarks());
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, String name, InputSpec spec) {
    if (spec != null) {
      out.printf(
          "  %s: %s (%s%s)%n",
          name,
          spec.path(),
          spec.format().sparkName(),
          name.equals("surveys")
              ? ", " + spec.layout().name().toLowerCase(java.util.Locale.ROOT)
              : "");
    }
  }
}
