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
 * in local mode, and says where the tables are. The run date is the last day of the sample data.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate sample data with known drivers, run every job on it locally, print where the"
            + " output is.")
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
    w.println(
        "Read them with Spark: spark.read.format(\"delta\").load(\""
            + root.resolve("warehouse")
            + "/<table>\"),");
    w.println(
        "or export one: bin/cx export --config "
            + data.config()
            + " --set warehouse="
            + root.resolve("warehouse")
            + " --table survey_answers --out survey_answers.csv");
    w.flush();
    return code;
  }
}
