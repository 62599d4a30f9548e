package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import io.cx.jobs.testing.S3ProxyServer;
import io.cx.jobs.testing.StandaloneCluster;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with its inputs and warehouse on {@code s3a://}, against S3Proxy on 127.0.0.1
 * (started once for the class), in the tests' local session: the tables equal those of the local
 * run of {@link SampleWarehouse} (same inputs), Delta commits through its single-driver S3 log
 * store, and the key pair, which reaches S3A through the AWS SDK's provider chain (here its system
 * properties; the environment's {@code AWS_*} variables on a real run) and never through the
 * config, appears in no log line, run_log row, export or config hash. A missing bucket or an
 * unreachable endpoint is exit 1 with a message that names the path.
 */
class S3PipelineIT {
  static final String BUCKET = "cx-it";
  static final String ACCESS_KEY = "cx-it-access";
  static final String SECRET_KEY = "cx-it-secret-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3() {
    s3 =
        new S3ProxyServer(
            dir.resolve("s3proxy"),
            Path.of(System.getProperty("cx.s3proxy.jar")),
            ACCESS_KEY,
            SECRET_KEY);
    s3.createBucket(BUCKET);
    // What a cluster's spark-defaults (spark.hadoop.fs.s3a.*) give S3A; no key among them.
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    conf.set("fs.s3a.endpoint", s3.endpoint());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set(
        "fs.s3a.aws.credentials.provider",
        "com.amazonaws.auth.SystemPropertiesCredentialsProvider");
    conf.set("fs.s3a.attempts.maximum", "1");
    conf.set("fs.s3a.retry.limit", "1");
    conf.set("fs.s3a.connection.establish.timeout", "2000");
    // A bucket whose endpoint nobody listens on.
    conf.set("fs.s3a.bucket.offline.endpoint", "http://127.0.0.1:" + closedPort());
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretKey", SECRET_KEY);
  }

  @AfterAll
  static void stopS3() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretKey");
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void thePipelineOnS3WritesTheTablesOfALocalRunAndNoSecret() throws IOException {
    SampleWarehouse local = SampleWarehouse.get();
    SparkSession spark = SharedSpark.get();
    String warehouse = "s3a://" + BUCKET + "/warehouse";
    List<String> args = new ArrayList<>(List.of("--set", "warehouse=" + warehouse));
    args.addAll(List.of("--set", "kpis.recompute=full"));
    args.addAll(uploadInputs(local, spark));
    assertEquals(
        "io.delta.storage.S3SingleDriverLogStore",
        org.apache.spark.sql.delta.storage.DelegatingLogStore$.MODULE$
            .getDefaultLogStoreClassName("s3a")
            .get(),
        "Delta's log store for s3a");

    StringWriter logs = new StringWriter();
    Run run;
    LogCapture capture = new LogCapture(logs);
    try {
      run = CliTest.cx(cx("run", List.of("--date", SampleWarehouse.DATE.toString()), args));
    } finally {
      capture.close();
    }
    assertEquals(0, run.code(), run.out() + run.err());

    Map<String, String> expected = new TreeMap<>();
    Map<String, String> got = new TreeMap<>();
    for (String table : Tables.ALL) {
      if (!table.equals(Tables.RUN_LOG)) {
        expected.put(
            table, PipelineOutputChecksumsTest.checksum(spark, local.warehouse().resolve(table)));
        got.put(table, PipelineOutputChecksumsTest.checksum(spark, warehouse + "/" + table));
      }
    }
    assertEquals(expected, got);

    Path export = dir.resolve("run_log.csv");
    Run exported =
        CliTest.cx(cx("export", List.of("--table", "run_log", "--out", export.toString()), args));
    assertEquals(0, exported.code(), exported.err());
    List<Row> runLog =
        spark.read().format("delta").load(warehouse + "/" + Tables.RUN_LOG).collectAsList();
    String hash = JobConfigLoader.load(local.data().config(), sets(args)).configHash();
    for (Row r : runLog) {
      assertEquals(
          hash,
          r.getAs(Cols.CONFIG_HASH),
          "run_log's config hash is that of the YAML and --set only");
    }
    Map<String, String> places =
        Map.of(
            "logs", logs.toString(),
            "cx output", run.out() + run.err() + exported.out() + exported.err(),
            "run_log", runLog.toString(),
            "export", Files.readString(export, StandardCharsets.UTF_8));
    assertTrue(logs.toString().contains("cx report for"), "the logs were captured: " + logs);
    places.forEach(
        (where, text) -> {
          assertFalse(text.contains(SECRET_KEY), "the secret key is in the " + where);
          assertFalse(text.contains(ACCESS_KEY), "the access key is in the " + where);
        });
  }

  @Test
  void aMissingBucketIsARetryableFailureNamingThePath() {
    Run r =
        CliTest.cx(
            cx(
                "ingest",
                List.of("--date", SampleWarehouse.DATE.toString()),
                List.of("--set", "warehouse=s3a://no-such-bucket/cx")));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("s3a://no-such-bucket/cx"), r.err());
    assertTrue(r.err().contains("\n  cause: "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void anUnreachableEndpointIsARetryableFailureNamingThePath() {
    Run r =
        CliTest.cx(
            cx(
                "ingest",
                List.of("--date", SampleWarehouse.DATE.toString()),
                List.of("--set", "warehouse=s3a://offline/cx")));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("s3a://offline/cx"), r.err());
    assertTrue(r.err().contains("\n  cause: ConnectException: Connection refused"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private static String[] cx(String command, List<String> options, List<String> sets) {
    List<String> all =
        new ArrayList<>(
            List.of(command, "--config", SampleWarehouse.get().data().config().toString()));
    all.addAll(options);
    all.addAll(sets);
    return all.toArray(new String[0]);
  }

  /** Copies the sample world's three inputs to the bucket; the --set options that read them. */
  private static List<String> uploadInputs(SampleWarehouse local, SparkSession spark)
      throws IOException {
    Path input = local.root().resolve("input");
    FileSystem fs =
        FileSystem.get(URI.create("s3a://" + BUCKET), spark.sessionState().newHadoopConf());
    Map<String, InputSpec> inputs =
        Map.of(
            "surveys", local.config().surveys(),
            "events", local.config().events(),
            "customers", local.config().customers());
    List<String> sets = new ArrayList<>();
    for (Map.Entry<String, InputSpec> e : inputs.entrySet()) {
      Path file = Path.of(e.getValue().path());
      String target = "s3a://" + BUCKET + "/input/" + input.relativize(file);
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(target));
      sets.addAll(List.of("--set", "inputs." + e.getKey() + ".path=" + target));
    }
    return sets;
  }

  private static List<String> sets(List<String> args) {
    List<String> sets = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      sets.add(args.get(i + 1));
    }
    return sets;
  }

  private static int closedPort() {
    return StandaloneCluster.freePort();
  }

  /**
   * Every log event of the JVM (at the levels the loggers let through) also written to a writer.
   */
  private static final class LogCapture implements AutoCloseable {
    private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;

    LogCapture(StringWriter target) {
      appender =
          WriterAppender.newBuilder()
              .setName("s3-it-capture")
              .setTarget(target)
              .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build())
              .build();
      appender.start();
      ctx.getConfiguration().getRootLogger().addAppender(appender, null, null);
      ctx.updateLoggers();
    }

    @Override
    public void close() {
      ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
      ctx.updateLoggers();
      appender.stop();
    }
  }
}
