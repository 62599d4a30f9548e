// Peer of the driver analysis (bench/run): LMG with 200 bootstrap replicates as a Spark user would
// do it without cx (one MLlib LinearRegression fit per subset of drivers and per bootstrap sample)
// against cx's one pass (DriverAnalysis: sufficient statistics of the sample and its replicates in
// one scan, LMG from them), on the same synthetic rows. Not a test: a program, run by bench/run in
// source-file mode with bin/cx's classpath.
//
// Usage: java <spark.opens> -cp <cx classpath> bench/peers/LmgPeer.java ROWS P[,P...] [SUBSETS]
//
// For each p: a synthetic journey_features table of ROWS responses (cached), p touchpoint scores
// with no missing answers (MLlib's LinearRegression takes no nulls), target satisfaction.
//   - MLlib: a fixed random sample of SUBSETS (default 64) non-empty subsets of the p drivers, one
//     LinearRegression fit each on the whole sample (after 3 untimed warm-up fits). LMG needs
//     (2^p - 1) x (1 + replicates) such fits; their time is extrapolated from the mean of the sample.
//   - cx: DriverAnalysis.run with method lmg, 200 replicates, segment ALL only (min_n_segment set
//     above the row count), recommend left null so only satisfaction is estimated; run twice, the
//     second (warm) run counts.
// Prints lines "lmgpeer p=12 key=value" for bench/lib/report.py.

import static org.apache.spark.sql.functions.*;

import io.cx.common.config.DriverOptions;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Outcomes;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import io.cx.common.spark.SparkSessions;
import io.cx.jobs.drivers.DriverAnalysis;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

public class LmgPeer {
  static final int REPLICATES = 200;
  static final LocalDate DATE = LocalDate.of(2024, 6, 30);

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    int subsets = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    SparkSession spark = SparkSessions.getOrCreate(Map.of("spark.master", "local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    for (String ps : args[1].split(",")) {
      int p = Integer.parseInt(ps.trim());
      Dataset<Row> features = synthetic(spark, rows, p).persist(StorageLevel.MEMORY_AND_DISK());
      long n = features.count();
      String tag = "lmgpeer p=" + p + " ";
      System.out.println(tag + "rows=" + n);

      // cx: the one pass.
      DriverOptions options =
          new DriverOptions(100, Integer.MAX_VALUE, REPLICATES, 42, 999, List.of(DriverOptions.LMG),
              30, 0.25, 0.75, 30, null, null, 50, 4, 0.1, 0.8, 5, 200_000, 0.05);
      double cxFirst = 0;
      double cxWarm = 0;
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        DriverAnalysis.Result r =
            DriverAnalysis.run(features, List.of(journey(p)), options, "lmgpeer", DATE);
        long estimated = r.importance().where(col("method").equalTo("lmg")).count();
        double s = (System.nanoTime() - t0) / 1e9;
        if (round == 0) {
          cxFirst = s;
          System.out.println(tag + "cx_lmg_rows=" + estimated);
        } else {
          cxWarm = s;
        }
      }
      System.out.printf("%scx_first_s=%.3f%n%scx_s=%.3f%n", tag, cxFirst, tag, cxWarm);

      // MLlib: one fit per subset.
      Random rnd = new Random(42L + p);
      Set<Integer> masks = new LinkedHashSet<>();
      int all = (1 << p) - 1;
      while (masks.size() < Math.min(subsets, all)) {
        masks.add(1 + rnd.nextInt(all));
      }
      for (int w = 0; w < 3; w++) {
        fit(features, p, all);
      }
      long t0 = System.nanoTime();
      double r2sum = 0;
      for (int mask : masks) {
        r2sum += fit(features, p, mask);
      }
      double fitted = (System.nanoTime() - t0) / 1e9;
      double perFit = fitted / masks.size();
      double needed = (double) all * (1 + REPLICATES);
      System.out.printf("%smllib_fits_timed=%d%n%smllib_fits_s=%.3f%n%smllib_per_fit_s=%.4f%n",
          tag, masks.size(), tag, fitted, tag, perFit);
      System.out.printf("%smllib_fits_needed=%.0f%n%smllib_extrapolated_s=%.1f%n%sspeedup=%.1f%n",
          tag, needed, tag, perFit * needed, tag, perFit * needed / cxWarm);
      System.out.printf("%smllib_mean_r2=%.4f%n", tag, r2sum / masks.size());
      features.unpersist();
    }
    spark.stop();
  }

  /** One LinearRegression fit on the drivers in mask; returns its R². */
  static double fit(Dataset<Row> features, int p, int mask) {
    List<String> in = new ArrayList<>();
    for (int a = 0; a < p; a++) {
      if ((mask & (1 << a)) != 0) {
        in.add("tp_t" + a);
      }
    }
    Dataset<Row> x =
        new VectorAssembler()
            .setInputCols(in.toArray(new String[0]))
            .setOutputCol("x")
            .transform(features);
    LinearRegressionModel m =
        new LinearRegression().setFeaturesCol("x").setLabelCol("satisfaction").fit(x);
    return m.summary().r2();
  }

  static JourneyMap journey(int p) {
    List<Touchpoint> tps = new ArrayList<>();
    for (int a = 0; a < p; a++) {
      tps.add(new Touchpoint("t" + a, "touchpoint " + a));
    }
    List<Stage> stages = List.of(new Stage("s0", "stage", tps, List.of()));
    return new JourneyMap("bench", "bench.yaml", ZoneId.of("UTC"), stages, Map.of(),
        new Outcomes("q_overall", "q_nps", null), 30, null);
  }

  /** p correlated 0..1 scores on a 5-point grid and a satisfaction that depends on them. */
  static Dataset<Row> synthetic(SparkSession spark, long rows, int p) {
    Dataset<Row> df = spark.range(0, rows, 1, 2).withColumn("f", randn(2));
    Column sat = lit(0.1);
    List<Column> keep = new ArrayList<>();
    keep.add(concat(lit("r"), col("id").cast("string")).as("response_id"));
    keep.add(concat(lit("c"), col("id").cast("string")).as("customer_id"));
    keep.add(lit("bench").as("journey"));
    keep.add(lit("seg").as("segment"));
    keep.add(lit(0.5).plus(rand(3).multiply(1.5)).as("weight"));
    for (int a = 0; a < p; a++) {
      double load = 0.3 + 0.4 * a / Math.max(1, p - 1);
      Column latent =
          col("f").multiply(load).plus(randn(100 + a).multiply(Math.sqrt(1 - load * load)));
      df = df.withColumn("tp_t" + a,
          least(lit(1.0), greatest(lit(0.0), round(lit(0.6).plus(latent.multiply(0.2)).multiply(4)).divide(4))));
      sat = sat.plus(col("tp_t" + a).multiply(0.6 * (p - a) / p / p * 2));
      keep.add(col("tp_t" + a));
    }
    keep.add(least(lit(1.0), greatest(lit(0.0), sat.plus(randn(7).multiply(0.08)))).as("satisfaction"));
    keep.add(lit(null).cast("double").as("recommend"));
    keep.add(lit(java.sql.Date.valueOf(DATE)).as("run_date"));
    return df.select(keep.toArray(new Column[0]));
  }
}
