package io.cx.common.spark;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.error.NoInputException;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads and writes the warehouse's Delta tables. Writes replace the rows of one run date (and,
 * where given, of some journeys or one job) with {@code replaceWhere}, so re-running a date never
 * appends a second copy.
 */
public final class TableIO {
  private final SparkSession spark;
  private final String warehouse;

  public TableIO(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  public TableIO(SparkSession spark, JobConfig config) {
    this(spark, config.warehouse());
  }

  public SparkSession spark() {
    return spark;
  }

  public String path(String table) {
    return warehouse.endsWith("/") ? warehouse + table : warehouse + "/" + table;
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The whole table; a missing table is a {@link NoInputException} naming the job to run. */
  public Dataset<Row> read(String table, String producedBy) {
    if (!exists(table)) {
      throw new NoInputException(
          "table "
              + table
              + " does not exist at "
              + path(table)
              + "; run `cx "
              + producedBy
              + "` first");
    }
    return spark.read().format("delta").load(path(table));
  }

  /** The current version of a table, or -1 when it does not exist. */
  public long version(String table) {
    return DeltaLogFiles.latestVersion(hadoopConf(), path(table));
  }

  /**
   * What a write replaces: the rows of one run date, narrowed by journeys and by equality on other
   * columns (e.g. {@code job = 'ingest'}, {@code target IN ('churn')}), so that two jobs writing
   * the same table for the same date never erase each other's rows.
   */
  public record Scope(
      LocalDate runDate, Collection<String> journeys, Map<String, List<String>> where) {
    public Scope {
      journeys = List.copyOf(journeys);
      where = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(where));
    }

    public static Scope date(LocalDate runDate) {
      return new Scope(runDate, List.of(), Map.of());
    }

    public static Scope journeys(LocalDate runDate, Collection<String> journeys) {
      return new Scope(runDate, journeys, Map.of());
    }

    /** Narrows the scope to rows whose column holds one of the values. */
    public Scope and(String column, Collection<String> values) {
      Map<String, List<String>> w = new java.util.TreeMap<>(where);
      w.put(column, List.copyOf(values));
      return new Scope(runDate, journeys, w);
    }

    /** Narrows the scope to one job's rows. */
    public Scope job(String jobName) {
      return and(Cols.JOB, List.of(jobName));
    }

    /** The replaceWhere predicate. Values are ids or job names; quotes are escaped anyway. */
    public String predicate() {
      StringBuilder sb = new StringBuilder(Cols.RUN_DATE + " = DATE'" + runDate + "'");
      if (!journeys.isEmpty()) {
        sb.append(" AND ").append(in(Cols.JOURNEY, journeys));
      }
      where.forEach((column, values) -> sb.append(" AND ").append(in(column, values)));
      return sb.toString();
    }

    private static String in(String column, Collection<String> values) {
      return column
          + " IN ("
          + values.stream()
              .sorted()
              .map(v -> "'" + v.replace("'", "''") + "'")
              .collect(Collectors.joining(", "))
          + ")";
    }
  }

  /**
   * Replaces the rows in scope with {@code rows}, partitioned by run date. The rows must all lie in
   * the scope (Delta checks it). New columns are merged into the table's schema.
   *
   * @return the number of rows written
   */
  public long replace(String table, Dataset<Row> rows, Scope scope) {
    Dataset<Row> out = rows;
    if (!List.of(rows.columns()).contains(Cols.RUN_DATE)) {
      out = rows.withColumn(Cols.RUN_DATE, functions.lit(java.sql.Date.valueOf(scope.runDate())));
    }
    out.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", scope.predicate())
        .option("mergeSchema", "true")
        .partitionBy(Cols.RUN_DATE)
        .save(path(table));
    return lastOperationRows(table);
  }

  /** Rows written by the table's last commit, from Delta's operation metrics. */
  public long lastOperationRows(String table) {
    long version = version(table);
    return version < 0 ? 0 : DeltaLogFiles.outputRows(hadoopConf(), path(table), version);
  }

  private org.apache.hadoop.conf.Configuration hadoopConf() {
    return spark.sessionState().newHadoopConf();
  }

  /** Appends rows (for logs such as run_log). */
  public void append(String table, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path(table));
  }
}
