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
import java.util.stream.Stream;

/**
 * One whole pipeline run (every job of {@code cx run}, report included) on a generated world of
 * {@value #CUSTOMERS} customers, built once per test JVM and shared by the tests that only read its
 * output ({@link PipelineOutputChecksumsTest}, the report's browser test); deleted when the JVM
 * exits. Tests must not write to it.
 */
public final class SampleWarehouse {
  static final int CUSTOMERS = 600;

  /**
   * The shared run.
   *
   * @param root its folder: input/ and warehouse/
   * @param config the config it ran with
   * @param results the result of each job
   */
  public record Run(Path root, JobConfig config, List<JobResult> results) {
    public Path warehouse() {
      return root.resolve("warehouse");
    }
  }

  private static Run run;

  private SampleWarehouse() {}

  public static synchronized Run get() {
    if (run == null) {
      run = build();
    }
    return run;
  }

  private static Run build() {
    try {
      Path dir = Files.createTempDirectory("cx-sample-warehouse-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      GeneratedData data =
          Generator.generate(
              GeneratorOptions.defaults(dir.resolve("input")).withCustomers(CUSTOMERS));
      JobConfig config =
          Pipeline.sampleConfig(data, dir.resolve("warehouse"), "kpis.recompute=full");
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      List<JobResult> results =
          Pipeline.run(config, GeneratorOptions.DEFAULT_END_DATE, Jobs.names(), quiet, quiet);
      return new Run(dir, config, results);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
