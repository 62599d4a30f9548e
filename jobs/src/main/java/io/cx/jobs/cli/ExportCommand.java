package io.cx.jobs.cli;

import io.cx.common.config.DidYouMean;
import io.cx.common.config.JobConfig;
import io.cx.common.config.Problems;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.cx.common.job.StateAsOf;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.SparkSessions;
import io.cx.common.spark.TableIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cx export}: writes one output table (optionally one run date) to a single csv, parquet or
 * json file, for people and tools that do not read Delta. Map and array columns are written as JSON
 * text in csv.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write one output table to a single file (csv, parquet or json).")
final class ExportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--table", required = true, paramLabel = "NAME", description = "Table to export.")
  String table;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "File to write.")
  String out;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "Only this run date; for fuse's tables, every row as known at that date (Delta time"
              + " travel).")
  LocalDate date;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv, parquet or json (default: from the file name, else csv).")
  String format;

  @Override
  public Integer call() {
    String fmt = checkArguments();
    JobConfig config = options.load();
    SparkSession spark = SparkSessions.getOrCreate(config);
    TableIO tables = new TableIO(spark, config);
    if (!tables.exists(table)) {
      throw new NoInputException(
          "table " + table + " does not exist at " + tables.path(table) + "; nothing to export");
    }
    Dataset<Row> df = tables.read(table);
    if (date != null && Tables.CURRENT_STATE.contains(table)) {
      List<String> ids = config.journeys().stream().map(JourneyMap::id).toList();
      long version = StateAsOf.versionAt(tables, table, date, ids);
      if (version < 0) {
        throw new NoInputException(
            "no successful cx fuse run of "
                + date
                + " for journeys "
                + String.join(", ", ids)
                + " in run_log: "
                + table
                + " as known then is unknown; export without --date for the current rows");
      }
      df = tables.readAt(table, version).where(functions.col(Cols.JOURNEY).isin(ids.toArray()));
    } else if (date != null) {
      df =
          df.where(
              functions.col(Cols.RUN_DATE).equalTo(functions.lit(java.sql.Date.valueOf(date))));
    }
    if (fmt.equals("csv")) {
      df = flattenForCsv(df);
    }
    long rows = writeSingleFile(spark, df, fmt, out);
    spec.commandLine()
        .getOut()
        .printf("cx export: %d rows of %s written to %s%n", rows, table, out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String checkArguments() {
    Problems problems = new Problems("cx export");
    if (!Tables.ALL.contains(table)) {
      String hint = DidYouMean.closest(table, Tables.ALL);
      problems.add(
          "--table",
          "'"
              + table
              + "' is not a cx table"
              + (hint == null ? "" : "; did you mean '" + hint + "'?")
              + " Tables: "
              + String.join(", ", Tables.ALL));
    }
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : fromName(out);
    if (!Arrays.asList("csv", "parquet", "json").contains(fmt)) {
      problems.add(
          "--format", "'" + format + "' is not an export format; use csv, parquet or json");
    }
    problems.throwIfAny();
    return fmt;
  }

  private static String fromName(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".parquet")
        ? "parquet"
        : p.endsWith(".json") || p.endsWith(".jsonl") ? "json" : "csv";
  }

  private static Dataset<Row> flattenForCsv(Dataset<Row> df) {
    Dataset<Row> outDf = df;
    for (var f : df.schema().fields()) {
      String type = f.dataType().typeName();
      if (type.equals("map") || type.equals("array") || type.equals("struct")) {
        outDf = outDf.withColumn(f.name(), functions.to_json(functions.col(f.name())));
      }
    }
    return outDf;
  }

  /** Writes through a temporary folder beside the target, then moves the one part file. */
  static long writeSingleFile(SparkSession spark, Dataset<Row> df, String fmt, String target) {
    Dataset<Row> one = df.coalesce(1).cache();
    try {
      long rows = one.count();
      Path dest = new Path(target);
      FileSystem fs = dest.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path tmp =
          new Path(
              dest.getParent() == null ? new Path(".") : dest.getParent(),
              "." + dest.getName() + ".tmp");
      var writer = one.write().mode("overwrite").format(fmt);
      if (fmt.equals("csv")) {
        writer = writer.option("header", "true");
      }
      writer.save(tmp.toString());
      FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*"));
      if (parts == null || parts.length != 1) {
        throw new IllegalStateException("expected one part file under " + tmp);
      }
      fs.delete(dest, false);
      if (!fs.rename(parts[0].getPath(), dest)) {
        throw new IOException("cannot move " + parts[0].getPath() + " to " + dest);
      }
      fs.delete(tmp, true);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      one.unpersist();
    }
  }
}
