package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobResult;
import io.cx.common.spark.SparkSessions;
import io.cx.common.spark.TableIO;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cx demo}: generates sample data with known drivers, runs every job of the pipeline on it
 * in local mode (a line per job: its duration and rows), says where the tables are and tells what
 * they show ({@link DemoStory}). The run date is the last day of the sample data.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate sample data with known drivers, run every job on it locally, print where the"
            + " output is and what it shows.")
final class DemoCommand implements Callable<Integer> {
  /** A few deliberately bad rows, so rejected_records has something to show (under the gate). */
  static final double DEMO_BAD_ROWS = 0.004;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("demo-out");

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers = GeneratorOptions.DEFAULT_CUSTOMERS;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    Path root = out.toAbsolutePath().normalize();
    GeneratedData data =
        Generator.generate(
            GeneratorOptions.defaults(root.resolve("input"))
                .withCustomers(customers)
                .withBadRowShare(DEMO_BAD_ROWS));
    w.println(
        "cx demo: sample data in "
            + root.resolve("input")
            + " (planted truth: "
            + data.truth()
            + ")");
    w.flush();
    // The demo has no nightly history: compute the KPIs of every period, so the planted drop
    // shows up as an alert.
    JobConfig config =
        Pipeline.sampleConfig(data, root.resolve("warehouse"), "kpis.recompute=full");
    List<JobResult> results =
        Pipeline.run(
            config,
            GeneratorOptions.DEFAULT_END_DATE,
            Jobs.names(),
            w,
            spec.commandLine().getErr());
    int code = Pipeline.exitCode(results);
    TableIO tables = new TableIO(SparkSessions.getOrCreate(config), config);
    w.println();
    w.println("cx demo: tables under " + root.resolve("warehouse") + ":");
    for (String t : Tables.ALL) {
      if (tables.exists(t)) {
        w.printf("  %-22s %,d rows%n", t, tables.read(t).count());
      }
    }
    if (code == 0) {
      new DemoStory(tables, config.warehouse(), GeneratorOptions.DEFAULT_END_DATE)
          .tell(config.journeys(), w);
    }
    String sql =
        "bin/cx sql --config " + data.config() + " --set warehouse=" + root.resolve("warehouse");
    w.println();
    w.println("Query the tables (docs/tables.md says what every column means):");
    w.println("  " + sql + " \"SELECT * FROM model_metrics WHERE split = 'test'\"");
    w.println(
        "or open notebooks/ in Jupyter with CX_WAREHOUSE="
            + root.resolve("warehouse")
            + " (notebooks/README.md).");
    w.flush();
    return code;
  }
}
