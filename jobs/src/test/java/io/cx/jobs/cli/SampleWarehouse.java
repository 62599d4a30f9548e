package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.config.JobConfig;
import io.cx.common.job.JobResult;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One warehouse per test JVM: {@value #CUSTOMERS} generated customers (seed and options of {@code
 * cx generate}), every job of the pipeline run once for {@link #DATE}, as {@code cx demo} runs
 * them. Built on first use (about a minute) and shared by every test that only reads output tables:
 * the pipeline checksums, the table docs, the notebooks' queries, {@code cx sql} and the demo's
 * story. Nobody writes to it; the folder is deleted when the JVM ends.
 */
public final class SampleWarehouse {
  public static final int CUSTOMERS = 600;
  public static final LocalDate DATE = GeneratorOptions.DEFAULT_END_DATE;

  private static SampleWarehouse built;

  private final Path root;
  private final GeneratedData data;
  private final JobConfig config;

  private SampleWarehouse(Path root, GeneratedData data, JobConfig config) {
    this.root = root;
    this.data = data;
    this.config = config;
  }

  /** The warehouse, built by the first caller of the JVM. */
  public static synchronized SampleWarehouse get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static SampleWarehouse build() {
    SharedSpark.get();
    Path root;
    try {
      root = Files.createTempDirectory("cx-sample-warehouse");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
    GeneratedData data =
        Generator.generate(
            GeneratorOptions.defaults(root.resolve("input")).withCustomers(CUSTOMERS));
    JobConfig config =
        Pipeline.sampleConfig(data, root.resolve("warehouse"), "kpis.recompute=full");
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    List<JobResult> results = Pipeline.run(config, DATE, Jobs.names(), quiet, quiet);
    assertEquals(0, Pipeline.exitCode(results), results.toString());
    return new SampleWarehouse(root, data, config);
  }

  /** The folder holding {@code input/} (what was generated) and {@code warehouse/}. */
  public Path root() {
    return root;
  }

  public Path warehouse() {
    return root.resolve("warehouse");
  }

  public GeneratedData data() {
    return data;
  }

  /** The config the pipeline ran with (warehouse and journey map of the generated data). */
  public JobConfig config() {
    return config;
  }

  /** The tables, read through the shared session. */
  public TableIO tables() {
    return new TableIO(SharedSpark.get(), config);
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit: the folder is under the temp directory
    }
  }
}
