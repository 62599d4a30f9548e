package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.job.JobResult;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cx warm-up}: runs every job once on a tiny generated world in a temporary folder, then
 * deletes it. {@code bin/cx} runs it once per build with {@code -XX:ArchiveClassesAtExit}, so that
 * the JVM records the classes a job loads (Spark, Delta, MLlib, cx) in a class-data archive that
 * every later {@code bin/cx} process maps instead of loading and verifying them again: a few
 * seconds less of every job's fixed cost.
 */
@Command(
    name = "warm-up",
    mixinStandardHelpOptions = true,
    description =
        "Run every job once on a tiny generated world in a temporary folder, then delete it"
            + " (bin/cx uses it to record a class-data archive once per build).")
final class WarmUpCommand implements Callable<Integer> {
  /** Enough customers for a churn model, so that MLlib's classes are loaded too. */
  static final int CUSTOMERS = 600;

  @Spec CommandSpec spec;

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "Customers of the tiny world (default: ${DEFAULT-VALUE}).")
  int customers = CUSTOMERS;

  @Override
  public Integer call() throws IOException {
    Path root = Files.createTempDirectory("cx-warm-up");
    List<JobResult> results;
    try {
      GeneratedData data =
          Generator.generate(
              GeneratorOptions.defaults(root.resolve("input")).withCustomers(customers));
      JobConfig config = Pipeline.sampleConfig(data, root.resolve("warehouse"));
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      results = Pipeline.run(config, GeneratorOptions.DEFAULT_END_DATE, Jobs.names(), quiet, quiet);
    } finally {
      delete(root);
    }
    int code = Pipeline.exitCode(results);
    spec.commandLine()
        .getOut()
        .println(
            "cx warm-up: "
                + results.size()
                + " jobs, exit code "
                + code
                + ", in "
                + root
                + " (deleted)");
    return code;
  }

  private static void delete(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
