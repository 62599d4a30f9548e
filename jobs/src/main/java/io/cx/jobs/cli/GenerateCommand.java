package io.cx.jobs.cli;

import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cx generate}: synthetic inputs with planted ground truth. Starts no Spark job. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write synthetic surveys, events and customers with known drivers, the journey map that"
            + " produced them, a ready cx.yaml and truth.json.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
  Path out;

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers = GeneratorOptions.DEFAULT_CUSTOMERS;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = GeneratorOptions.DEFAULT_SEED;

  @Option(
      names = "--end-date",
      paramLabel = "YYYY-MM-DD",
      description = "Last day of data (default: ${DEFAULT-VALUE}).")
  LocalDate endDate = GeneratorOptions.DEFAULT_END_DATE;

  @Option(
      names = "--bad-rows",
      paramLabel = "SHARE",
      description = "Share of deliberately bad rows per file (default: ${DEFAULT-VALUE}).")
  double badRows = GeneratorOptions.DEFAULT_BAD_ROW_SHARE;

  @Override
  public Integer call() {
    GeneratorOptions options =
        GeneratorOptions.defaults(out)
            .withCustomers(customers)
            .withSeed(seed)
            .withEndDate(endDate)
            .withBadRowShare(badRows);
    GeneratedData data = Generator.generate(options);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "cx generate: %d customers, %d responses (%d survey rows), %d events (+%d duplicate"
            + " deliveries), %d deliberately bad rows, written to %s%n",
        data.customerCount(),
        data.responseCount(),
        data.surveyRows(),
        data.eventCount(),
        data.duplicateEvents(),
        data.badRows(),
        data.out());
    w.println("  config: " + data.config());
    w.println("  planted truth: " + data.truth());
    w.flush();
    return 0;
  }
}
