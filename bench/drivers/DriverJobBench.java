// The driver job at scale: 1,000 segments x 12 touchpoint drivers x 200 bootstrap replicates on
// synthetic journey_features, against one plain scan of the same table. Not a test: a program.
//
// Run from the project root (local[2] unless CX_BENCH_MASTER says otherwise):
//   bench/drivers/run-job-bench.sh [rows]        # default 250,000 rows
//
// What it does:
//   1. writes synthetic journey_features (Delta, under /tmp/cx-driver-bench): `rows` responses in
//      1,000 segments of skewed sizes (the largest ~3 % of the rows), 12 touchpoints in 4 stages
//      (5-40 % missing), 4 objective metrics, survey weights, satisfaction and recommend;
//   2. times a plain scan: an aggregate reading every column the driver job reads, and Delta's
//      count() (which Delta may answer from its log without reading data);
//   3. times DriverAnalysis.run with lmg + relative_weight (the single pass with 200 replicates,
//      plus the input profile and the metric thresholds), then with all methods (adds shap_gbt).
// DriverAnalysis logs each step's time (lines "drivers: ... took N ms").

import static org.apache.spark.sql.functions.*;

import io.cx.common.config.DriverOptions;
import io.cx.common.journey.Agg;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Outcomes;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import io.cx.common.spark.SparkSessions;
import io.cx.jobs.drivers.DriverAnalysis;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

public class DriverJobBench {
  static final int SEGMENTS = 1000;
  static final int STAGES = 4;
  static final int PER_STAGE = 3;
  static final String PATH = "/tmp/cx-driver-bench/journey_features";
  static final LocalDate DATE = LocalDate.of(2024, 6, 30);

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 250_000;
    String master = System.getenv().getOrDefault("CX_BENCH_MASTER", "local[2]");
    SparkSession spark =
        SparkSessions.getOrCreate(
            Map.of(
                "spark.master", master,
                "spark.sql.shuffle.partitions", "8",
                "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("WARN");
    JourneyMap journey = journey();
    write(spark, rows);
    Dataset<Row> features = spark.read().format("delta").load(PATH);

    List<Column> read = new ArrayList<>();
    read.add(count(lit(1)));
    read.add(countDistinct(col("segment")));
    for (String c : features.columns()) {
      if (c.startsWith("tp_") || c.startsWith("m_") || c.equals("satisfaction") || c.equals("recommend") || c.equals("weight")) {
        read.add(sum(col(c)));
      }
    }
    read.add(max(length(col("response_id"))));
    for (int round = 1; round <= 3; round++) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      Row scan = features.agg(read.get(0), read.subList(1, read.size()).toArray(new Column[0])).first();
      long t1 = System.nanoTime();
      long c1 = cpu();
      long n = features.count();
      long t2 = System.nanoTime();
      System.out.printf("scan round %d: aggregate over every column read: %.1f s wall, %.1f s cpu (%d rows, %d segments); count(): %.1f s (%d); load %.1f%n",
          round, (t1 - t0) / 1e9, (c1 - c0) / 1e9, scan.getLong(0), scan.getLong(1), (t2 - t1) / 1e9, n, load());
    }

    time(spark, "lmg + relative_weight, 200 replicates", features, journey,
        options(List.of(DriverOptions.LMG, DriverOptions.RELATIVE_WEIGHT)));
    time(spark, "all methods (adds shap_gbt)", features, journey, options(DriverOptions.ALL_METHODS));
    spark.stop();
  }

  static void time(SparkSession spark, String what, Dataset<Row> features, JourneyMap journey, DriverOptions o) {
    long t0 = System.nanoTime();
    long c0 = cpu();
    DriverAnalysis.Result r = DriverAnalysis.run(features, List.of(journey), o, "bench", DATE);
    long rows = r.importance().count();
    long t1 = System.nanoTime();
    long c1 = cpu();
    System.out.printf("%s: %.1f s wall, %.1f s cpu (all threads of this JVM), %d driver_importance rows, %d metric_thresholds rows; load %.1f%n",
        what, (t1 - t0) / 1e9, (c1 - c0) / 1e9, rows, r.thresholds().count(), load());
    r.notes().forEach(n -> System.out.println("  " + (n.length() > 300 ? n.substring(0, 300) + "..." : n)));
  }

  /** CPU time of this JVM, all threads (Spark's local executors included). */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static DriverOptions options(List<String> methods) {
    return new DriverOptions(100, 50, 200, 42, 999, methods, 30, 0.25, 0.75, 30, null, null, 50, 4, 0.1, 0.8, 5, 200_000, 0.05);
  }

  static JourneyMap journey() {
    List<Stage> stages = new ArrayList<>();
    for (int s = 0; s < STAGES; s++) {
      List<Touchpoint> tps = new ArrayList<>();
      for (int k = 0; k < PER_STAGE; k++) {
        tps.add(new Touchpoint("t" + (s * PER_STAGE + k), "touchpoint"));
      }
      stages.add(new Stage("s" + s, "stage", tps,
          List.of(new Metric("m" + s, List.of("e" + s), Agg.parse(s == 1 ? "max" : "count")))));
    }
    return new JourneyMap("bench", "bench.yaml", ZoneId.of("UTC"), stages, Map.of(),
        new Outcomes("q_overall", "q_nps", null), 30, null);
  }

  static void write(SparkSession spark, long rows) {
    if (new java.io.File(PATH).exists()
        && spark.read().format("delta").load(PATH).count() == rows) {
      System.out.println("reusing " + PATH);
      return;
    }
    int drivers = STAGES * PER_STAGE;
    Dataset<Row> df = spark.range(0, rows, 1, 8)
        .withColumn("u", rand(1))
        .withColumn("f", randn(2))
        // Skewed segment sizes: segment k gets a share ((k+1)^(2/3) - k^(2/3)) / 1000^(2/3).
        .withColumn("segment", concat(lit("seg"), floor(pow(col("u"), 1.5).multiply(SEGMENTS)).cast("string")))
        .withColumn("response_id", concat(lit("r"), col("id").cast("string")))
        .withColumn("weight", lit(0.5).plus(rand(3).multiply(1.5)));
    Column sat = lit(0.1);
    for (int a = 0; a < drivers; a++) {
      double load = 0.3 + 0.04 * a;
      Column latent = col("f").multiply(load).plus(randn(100 + a).multiply(Math.sqrt(1 - load * load)));
      Column score = least(lit(1.0), greatest(lit(0.0), round(lit(0.6).plus(latent.multiply(0.2)).multiply(4)).divide(4)));
      df = df.withColumn("x" + a, score);
      sat = sat.plus(col("x" + a).multiply(0.06 * (drivers - a) / drivers));
    }
    df = df.withColumn("satisfaction", least(lit(1.0), greatest(lit(0.0), sat.plus(randn(7).multiply(0.08)))))
        .withColumn("recommend", round(least(lit(10.0), greatest(lit(0.0), col("satisfaction").multiply(10).plus(randn(8))))));
    for (int a = 0; a < drivers; a++) {
      double missing = 0.05 + 0.35 * a / (drivers - 1);
      df = df.withColumn("tp_t" + a, when(rand(200 + a).lt(missing), lit(null).cast("double")).otherwise(col("x" + a)));
    }
    df = df.withColumn("m_m0", floor(log(rand(300)).multiply(-0.5)))
        .withColumn("m_m1", when(rand(301).lt(0.1), lit(null).cast("double")).otherwise(round(log(rand(302)).multiply(-12), 1)))
        .withColumn("m_m2", floor(log(rand(303)).multiply(-0.8)))
        .withColumn("m_m3", floor(rand(304).multiply(20)))
        .withColumn("journey", lit("bench"))
        .withColumn("customer_id", concat(lit("c"), col("id").cast("string")))
        .withColumn("run_date", lit(java.sql.Date.valueOf(DATE)));
    List<Column> keep = new ArrayList<>();
    for (String c : List.of("response_id", "customer_id", "journey", "segment", "weight", "satisfaction", "recommend")) {
      keep.add(col(c));
    }
    for (int a = 0; a < drivers; a++) {
      keep.add(col("tp_t" + a));
    }
    for (int s = 0; s < STAGES; s++) {
      keep.add(col("m_m" + s).cast("double").as("m_m" + s));
    }
    keep.add(col("run_date"));
    long t0 = System.nanoTime();
    df.select(keep.toArray(new Column[0])).write().format("delta").mode("overwrite").save(PATH);
    System.out.printf("wrote %d rows to %s in %.1f s%n", rows, PATH, (System.nanoTime() - t0) / 1e9);
  }
}
