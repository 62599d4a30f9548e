package io.cx.common.spark;

import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta's Change Data Feed: the rows a table gained, lost or changed between two versions, kept by
 * Delta when the table property {@value #PROPERTY} is on. {@link TableIO} turns it on for the
 * tables of {@link io.cx.common.contract.Tables#WITH_CHANGE_FEED}: when it creates one, and (one
 * logged commit) the first time it writes one created without it.
 *
 * <p>Delta cannot serve every range: versions written while the feed was off have no change data,
 * versions whose commit files log clean-up removed ({@code delta.logRetentionDuration}) cannot be
 * read, and files that VACUUM removed are gone. {@link #read} says which, instead of failing, so
 * that the caller can fall back to reading the whole table.
 */
public final class ChangeFeed {
  /** The table property that makes Delta keep the change data. */
  public static final String PROPERTY = "delta.enableChangeDataFeed";

  /** Column of a change row: insert, delete, update_preimage or update_postimage. */
  public static final String CHANGE_TYPE = "_change_type";

  /** Column of a change row: the version that made the change. */
  public static final String COMMIT_VERSION = "_commit_version";

  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  private static final String MISSING_CHANGE_DATA = "DELTA_MISSING_CHANGE_DATA";

  private ChangeFeed() {}

  /**
   * What a read of the change feed gave: the caller's result, or why Delta could not serve the
   * range (then {@code value} is null).
   *
   * @param value what the caller computed from the change rows
   * @param unavailable why the range cannot be read as changes, or null
   */
  public record Read<T>(T value, String unavailable) {
    public boolean available() {
      return unavailable == null;
    }
  }

  /**
   * The change rows of the versions after {@code after} up to {@code to} (the table's columns,
   * {@value #CHANGE_TYPE} and {@value #COMMIT_VERSION}), handed to {@code use}; its result is
   * returned. {@code use} should compute something small (it runs the read): a file found missing
   * while it runs is reported as unavailable, not thrown.
   *
   * @param after the last version already seen; changes start at the next one
   * @param to the last version to read, greater than {@code after}
   */
  public static <T> Read<T> read(
      TableIO io, String table, long after, long to, Function<Dataset<Row>, T> use) {
    if (after < 0 || to <= after) {
      throw new IllegalArgumentException(
          "no versions to read after " + after + " up to " + to + " of " + table);
    }
    String path = io.path(table);
    long earliest = DeltaLogFiles.earliestCommit(io.hadoopConf(), path);
    if (earliest > after + 1) {
      return new Read<>(
          null,
          String.format(
              "versions %d to %d of %s are no longer in its Delta log (log clean-up after"
                  + " delta.logRetentionDuration)",
              after + 1, earliest - 1, table));
    }
    try {
      Dataset<Row> changes =
          io.spark()
              .read()
              .format("delta")
              .option("readChangeFeed", "true")
              .option("startingVersion", after + 1)
              .option("endingVersion", to)
              .load(path);
      return new Read<>(use.apply(changes), null);
    } catch (Exception e) { // Scala's checked AnalysisException is thrown undeclared
      String why = unavailable(e, table, after, to);
      if (why == null) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      return new Read<>(null, why);
    }
  }

  /** Why a failed read means the range cannot be served, or null for any other failure. */
  private static String unavailable(Throwable e, String table, long after, long to) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AnalysisException a && MISSING_CHANGE_DATA.equals(a.getErrorClass())) {
        Map<String, String> p = a.getMessageParameters();
        return "change data of "
            + table
            + " was not recorded for version "
            + p.getOrDefault("version", "?")
            + " ("
            + PROPERTY
            + " was off then)";
      }
      if (t instanceof FileNotFoundException) {
        return String.format(
            "files of versions %d to %d of %s were removed (VACUUM)", after + 1, to, table);
      }
    }
    return null;
  }

  /** Whether the table's current version keeps change data. */
  public static boolean enabled(TableIO io, String table) {
    Map<String, String> properties =
        DeltaTable.forPath(io.spark(), io.path(table))
            .detail()
            .select("properties")
            .first()
            .getJavaMap(0);
    return "true".equalsIgnoreCase(properties.get(PROPERTY));
  }

  /**
   * Makes a write keep change data: creating the table with the property on, or, when the table
   * exists without it, turning it on first (a commit of its own, logged; change data is kept from
   * the next version).
   */
  static DataFrameWriter<Row> recorded(TableIO io, String table, DataFrameWriter<Row> writer) {
    if (!io.exists(table)) {
      return writer.option(PROPERTY, "true");
    }
    if (!enabled(io, table)) {
      io.spark()
          .sql(
              "ALTER TABLE delta.`"
                  + io.path(table).replace("`", "``")
                  + "` SET TBLPROPERTIES ("
                  + PROPERTY
                  + " = true)");
      LOG.info(
          "{}: Change Data Feed turned on ({} = true) at version {}; later jobs read what changes"
              + " from the next version on",
          table,
          PROPERTY,
          io.version(table));
    }
    return writer;
  }
}
