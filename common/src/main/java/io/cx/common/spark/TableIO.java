package io.cx.common.spark;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.error.NoInputException;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads and writes the warehouse's Delta tables: the one way jobs do either. Reads are pinned to
 * the table's version when read, and recorded for run_log. Writes replace the rows of one run date
 * (and, where given, of some journeys or one job) with {@code replaceWhere}, so re-running a date
 * never appends a second copy. The tables of {@link Tables#WITH_CHANGE_FEED} are written with
 * Delta's Change Data Feed on ({@link ChangeFeed}).
 *
 * <p>One job at a time per instance: the record of reads belongs to the running job.
 */
public final class TableIO {
  private final SparkSession spark;
  private final String warehouse;
  private final Map<String, Long> versionsRead = new LinkedHashMap<>();
  private final Map<String, Long> versionsWritten = new LinkedHashMap<>();

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
    return under(warehouse, table);
  }

  /** The path of {@code name} (a table's or another folder's) directly under a warehouse. */
  public static String under(String warehouse, String name) {
    return warehouse.endsWith("/") ? warehouse + name : warehouse + "/" + name;
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /**
   * The table as of its current version, which is recorded ({@link #versionsRead}) for run_log: the
   * rows a job reads are exactly those of the version it reports, even if another job commits to
   * the table meanwhile. A missing table is a {@link NoInputException} naming the job to run.
   */
  public Dataset<Row> read(String table) {
    return readIfExists(table)
        .orElseThrow(
            () ->
                new NoInputException(
                    "table "
                        + table
                        + " does not exist at "
                        + path(table)
                        + (Tables.ALL.contains(table)
                            ? "; run `cx " + Tables.producer(table) + "` first"
                            : "")));
  }

  /**
   * The table as of an earlier version (Delta time travel), recorded as that version: what was
   * known when that version was written.
   */
  public Dataset<Row> readAt(String table, long version) {
    versionsRead.put(table, version);
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /** As {@link #read}, or empty when the table does not exist. */
  public Optional<Dataset<Row>> readIfExists(String table) {
    long version = version(table);
    if (version < 0) {
      return Optional.empty();
    }
    versionsRead.put(table, version);
    return Optional.of(
        spark.read().format("delta").option("versionAsOf", version).load(path(table)));
  }

  /**
   * A table the running job has just written, at its latest version, to summarise what it wrote:
   * not an input, so not recorded in {@link #versionsRead}.
   */
  public Dataset<Row> readWritten(String table) {
    return spark.read().format("delta").load(path(table));
  }

  /**
   * A table at its latest version, not recorded as an input, or empty when it does not exist: for a
   * log a job consults to decide what to do (run_log), not for the data it transforms.
   */
  public Optional<Dataset<Row>> readUnrecorded(String table) {
    return exists(table) ? Optional.of(readWritten(table)) : Optional.empty();
  }

  /** The version of each table read since the last {@link #forgetReads}, in reading order. */
  public Map<String, Long> versionsRead() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(versionsRead));
  }

  /**
   * The version of each table written since the last {@link #forgetReads}, as it stood after the
   * last write there: recorded in run_log's output_versions.
   */
  public Map<String, Long> versionsWritten() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(versionsWritten));
  }

  /**
   * Records that the running job leaves a table as it stands (a run that found nothing to change
   * there): its latest version is what the run's date knows.
   */
  public void keptAsIs(String table) {
    long v = version(table);
    if (v >= 0) {
      versionsWritten.put(table, v);
    }
  }

  /** Records that the running job's last write to a table left it at this version. */
  void wrote(String table, long version) {
    versionsWritten.put(table, version);
  }

  /** Starts a new record of reads and writes: the job runner calls it when a job starts. */
  public void forgetReads() {
    versionsRead.clear();
    versionsWritten.clear();
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
  }

  /** {@code column IN ('a', 'b')}, values sorted, quotes escaped: a replaceWhere or MERGE term. */
  static String in(String column, Collection<String> values) {
    return column
        + " IN ("
        + values.stream()
            .sorted()
            .map(v -> "'" + v.replace("'", "''") + "'")
            .collect(Collectors.joining(", "))
        + ")";
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
    return replaceWhere(table, out, scope.predicate(), Cols.RUN_DATE);
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows}, for a table partitioned by
   * another column than run_date (touchpoint_kpis: by period grain). The rows must all match the
   * predicate (Delta checks it). New columns are merged into the table's schema.
   *
   * <p>A write that conflicts with another run's concurrent commit (another journey of the same
   * date) is written again on top of it ({@link ConflictRetry}).
   *
   * @param predicate a replaceWhere predicate built by the caller from validated values
   * @return the number of rows written
   */
  public long replaceWhere(
      String table, Dataset<Row> rows, String predicate, String partitionColumn) {
    String marker = "cx write " + UUID.randomUUID();
    long before = version(table);
    ConflictRetry.write(
        table,
        () -> {
          DataFrameWriter<Row> writer =
              rows.write()
                  .format("delta")
                  .mode("overwrite")
                  .option("replaceWhere", predicate)
                  .option("mergeSchema", "true")
                  .option("userMetadata", marker)
                  .partitionBy(partitionColumn);
          if (Tables.WITH_CHANGE_FEED.contains(table)) {
            writer = ChangeFeed.recorded(this, table, writer);
          }
          writer.save(path(table));
          return null;
        });
    DeltaLogFiles.versionOf(hadoopConf(), path(table), before + 1, marker)
        .ifPresent(v -> wrote(table, v));
    return DeltaLogFiles.outputRowsOf(hadoopConf(), path(table), before + 1, marker)
        .orElseGet(() -> lastOperationRows(table));
  }

  /** Rows written by the table's last commit, from Delta's operation metrics. */
  public long lastOperationRows(String table) {
    long version = version(table);
    return version < 0 ? 0 : DeltaLogFiles.outputRows(hadoopConf(), path(table), version);
  }

  org.apache.hadoop.conf.Configuration hadoopConf() {
    return spark.sessionState().newHadoopConf();
  }

  /**
   * Appends rows (for logs such as run_log). Appends do not conflict, but two runs creating the
   * table at once do: the second is written again ({@link ConflictRetry}).
   */
  public void append(String table, Dataset<Row> rows) {
    ConflictRetry.write(
        table,
        () -> {
          rows.write()
              .format("delta")
              .mode("append")
              .option("mergeSchema", "true")
              .save(path(table));
          return null;
        });
  }
}
