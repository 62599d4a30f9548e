// The I/O floor of the benchmark (bench/run): the least work any pipeline over these inputs must
// do. Reads each raw CSV input once (header, every column a string, no schema inference) and
// writes it once as a Delta table, in a fresh JVM on local[2] with cx's session settings and no
// tuning. Not a test: a program, run by bench/run in source-file mode with bin/cx's classpath.
//
// Usage: java <spark.opens> -cp <cx classpath> bench/floor/Floor.java OUT_DIR NAME=CSV_PATH...
//   e.g. OUT_DIR/surveys, OUT_DIR/events and OUT_DIR/customers are written (overwritten).
// Prints one line per input ("floor surveys: 1.9 s") and a total; bench/run times the whole
// process (JVM start and the compilation of this file included), as it does the jobs.

import io.cx.common.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

public class Floor {
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: Floor OUT_DIR NAME=CSV_PATH...");
      System.exit(2);
    }
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.getOrCreate(Map.of("spark.master", "local[2]"));
    System.out.printf("floor session: %.1f s%n", (System.nanoTime() - start) / 1e9);
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      long t0 = System.nanoTime();
      spark
          .read()
          .option("header", "true")
          .csv(kv[1])
          .write()
          .format("delta")
          .mode("overwrite")
          .save(args[0] + "/" + kv[0]);
      System.out.printf("floor %s: %.1f s%n", kv[0], (System.nanoTime() - t0) / 1e9);
    }
    spark.stop();
    System.out.printf("floor total in JVM: %.1f s%n", (System.nanoTime() - start) / 1e9);
  }
}
