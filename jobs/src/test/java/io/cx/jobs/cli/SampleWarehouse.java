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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Under Maven the folder is {@value #SHARED_DIR} ({@code target/sample-warehouse-<build>}, one
 * per {@code mvn} invocation) and stays: the integration tests, in a JVM of their own after the
 * unit tests, compare their cluster and S3 runs with the tables the unit tests' JVM built, instead
 * of running the pipeline again. The data is generated again (it is byte-identical); the pipeline
 * runs only when no earlier JVM of the build completed it.
 */
public final class SampleWarehouse {
  public static final int CUSTOMERS = 600;
  public static final LocalDate DATE = GeneratorOptions.DEFAULT_END_DATE;

  /** System property: the folder shared by the test JVMs of one build. */
  static final String SHARED_DIR = "cx.sample.warehouse";

  /** Written in the shared folder once the pipeline has succeeded there. */
  private static final String COMPLETE = "pipeline-complete";

  /** Beside the shared folder: held by the JVM building it (not named like the folders). */
  private static final String LOCK = ".sample-warehouse.lock";

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
    String shared = System.getProperty(SHARED_DIR);
    try {
      if (shared == null) {
        Path root = Files.createTempDirectory("cx-sample-warehouse");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        return buildIn(root, false);
      }
      // The build's test JVMs (several with -DforkCount=2, say) take turns: the first builds, the
      // others wait for it and find the pipeline complete.
      Path root = Path.of(shared);
      Path lockFile = root.toAbsolutePath().resolveSibling(LOCK);
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        deleteOtherBuilds(root);
        if (!Files.exists(root.resolve(COMPLETE))) {
          delete(root); // a JVM of this build stopped half-way: start again
        }
        Files.createDirectories(root);
        return buildIn(root, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SampleWarehouse buildIn(Path root, boolean shared) throws IOException {
    GeneratedData data =
        Generator.generate(
            GeneratorOptions.defaults(root.resolve("input")).withCustomers(CUSTOMERS));
    JobConfig config =
        Pipeline.sampleConfig(data, root.resolve("warehouse"), "kpis.recompute=full");
    if (!Files.exists(root.resolve(COMPLETE))) {
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      List<JobResult> results = Pipeline.run(config, DATE, Jobs.names(), quiet, quiet);
      assertEquals(0, Pipeline.exitCode(results), results.toString());
      if (shared) {
        Files.writeString(root.resolve(COMPLETE), DATE.toString());
      }
    }
    return new SampleWarehouse(root, data, config);
  }

  /** Deletes the shared folders that earlier builds left beside {@code root}. */
  private static void deleteOtherBuilds(Path root) throws IOException {
    Path parent = root.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    String prefix = "sample-warehouse-";
    try (Stream<Path> siblings = Files.list(parent)) {
      siblings
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> !p.getFileName().equals(root.getFileName()))
          .forEach(SampleWarehouse::delete);
    }
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
