package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.InputSpec;
import io.cx.common.error.InputRejectedException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the optional benchmarks input (csv with header, json lines, parquet or delta, like the
 * other inputs; column names matched case-insensitively) as text rows in the order of {@link
 * Benchmarks#COLUMNS}. It is a small reference table, so it is collected to the driver.
 */
final class BenchmarkReader {
  private BenchmarkReader() {}

  /** The rows, or empty when the path matches nothing. */
  static Optional<List<List<String>>> read(SparkSession spark, InputSpec spec, LocalDate runDate) {
    String path = spec.pathFor(runDate);
    if (!exists(spark, spec, path)) {
      return Optional.empty();
    }
    Dataset<Row> df =
        switch (spec.format()) {
          case CSV -> spark.read().options(spec.options()).option("header", "true").csv(path);
          case JSON -> spark.read().options(spec.options()).json(path);
          case PARQUET -> spark.read().options(spec.options()).parquet(path);
          case DELTA -> spark.read().format("delta").options(spec.options()).load(path);
        };
    Map<String, String> byLowerName = new HashMap<>();
    for (String c : df.columns()) {
      byLowerName.put(c.trim().toLowerCase(Locale.ROOT), c);
    }
    for (String required :
        List.of(io.cx.common.contract.Cols.METRIC, io.cx.common.contract.Cols.VALUE)) {
      if (!byLowerName.containsKey(required)) {
        throw new InputRejectedException(
            "benchmarks input "
                + path
                + " has no column '"
                + required
                + "'; its columns are touchpoint or stage, metric, segment, value, source");
      }
    }
    Column[] cols =
        Benchmarks.COLUMNS.stream()
            .map(
                c ->
                    byLowerName.containsKey(c)
                        ? col("`" + byLowerName.get(c) + "`").cast(DataTypes.StringType).as(c)
                        : lit(null).cast(DataTypes.StringType).as(c))
            .toArray(Column[]::new);
    List<List<String>> rows = new ArrayList<>();
    for (Row r : df.select(cols).collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        values.add(r.isNullAt(i) ? null : r.getString(i));
      }
      rows.add(values);
    }
    return Optional.of(rows);
  }

  private static boolean exists(SparkSession spark, InputSpec spec, String path) {
    if (spec.format() == InputSpec.Format.DELTA) {
      return DeltaTable.isDeltaTable(spark, path);
    }
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(p);
      return matches != null && matches.length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
