package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.config.Problems;
import io.cx.common.contract.Tables;
import io.cx.common.error.ExitCodes;
import io.cx.common.spark.SparkSessions;
import io.cx.common.spark.TableIO;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cx sql --config FILE "SELECT ..."}: one query over the warehouse, every table of the
 * contract that exists registered as a view by its name ({@link WarehouseViews}), the result
 * printed as an aligned table ({@link TextTable}) of at most {@code --limit} rows.
 *
 * <p>Exit codes: 0 the query ran; 2 a bad config or option, a query Spark cannot parse or analyse
 * (Spark's message, without a stack trace), or a statement that is not a query; 4 the query reads a
 * table of the contract that the warehouse does not have yet (the message names the job that writes
 * it), as {@code cx export} for a missing table; 1 anything else (I/O: worth retrying).
 */
@picocli.CommandLine.Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run one SQL query over the warehouse tables (each a view named after its table) and"
            + " print the result as a table.")
final class SqlCommand implements Callable<Integer> {
  static final int DEFAULT_LIMIT = 100;

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
  int limit = DEFAULT_LIMIT;

  @Parameters(
      index = "0",
      paramLabel = "QUERY",
      description = "The query, e.g. \"SELECT * FROM model_metrics WHERE split = 'test'\".")
  String query;

  @Override
  public Integer call() {
    Problems problems = new Problems("cx sql");
    problems.check(limit >= 1, "--limit", "must be at least 1, got " + limit);
    problems.throwIfAny();
    JobConfig config = options.load();
    // A session of its own: the views do not leak into another session of the JVM.
    SparkSession spark = SparkSessions.getOrCreate(config).newSession();
    TableIO tables = new TableIO(spark, config);
    List<String> views = WarehouseViews.register(tables);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Dataset<Row> result;
    try {
      if (!isQuery(spark.sessionState().sqlParser().parsePlan(query))) {
        err.println(
            "cx sql: only queries run here (SELECT, WITH, DESCRIBE, SHOW VIEWS, SHOW COLUMNS): the"
                + " warehouse is written by the jobs alone");
        err.flush();
        return ExitCodes.BAD_CONFIG;
      }
      result = spark.sql(query);
    } catch (AnalysisException e) {
      return explain(e, tables, views, err);
    }
    List<Row> rows = asText(result).limit(limit + 1).collectAsList();
    boolean truncated = rows.size() > limit;
    TextTable.print(
        out, result.schema(), truncated ? rows.subList(0, limit) : rows, truncated ? limit : -1);
    out.flush();
    return ExitCodes.SUCCEEDED;
  }

  /** Queries, and the statements that only describe: nothing that writes or changes the session. */
  private static boolean isQuery(LogicalPlan plan) {
    if (plan instanceof DescribeRelation
        || plan instanceof DescribeColumn
        || plan instanceof ShowViews
        || plan instanceof ShowColumns) {
      return true;
    }
    return !(plan instanceof Command) && !(plan instanceof ParsedStatement);
  }

  /** Every column as Spark's text for it, so that arrays, maps and dates print as Spark shows. */
  private static Dataset<Row> asText(Dataset<Row> df) {
    String[] names = new String[df.columns().length];
    Arrays.setAll(names, i -> "c" + i);
    return df.toDF(names)
        .select(
            Arrays.stream(names).map(n -> functions.col(n).cast("string")).toArray(Column[]::new));
  }

  private int explain(AnalysisException e, TableIO tables, List<String> views, PrintWriter err) {
    String missing = missingTable(e);
    if (missing != null && Tables.ALL.contains(missing) && !views.contains(missing)) {
      err.println(
          "cx sql: table "
              + missing
              + " does not exist at "
              + tables.path(missing)
              + "; run `cx "
              + Tables.producer(missing)
              + "` first. Tables in the warehouse: "
              + (views.isEmpty() ? "none" : String.join(", ", views)));
      err.flush();
      return ExitCodes.NO_INPUT;
    }
    err.println("cx sql: " + e.getSimpleMessage().strip());
    if (missing != null) {
      err.println(
          "Tables in the warehouse: " + (views.isEmpty() ? "none" : String.join(", ", views)));
    }
    err.flush();
    return ExitCodes.BAD_CONFIG;
  }

  /** The table a query named that Spark did not find, without quotes, or null. */
  private static String missingTable(AnalysisException e) {
    if (!"TABLE_OR_VIEW_NOT_FOUND".equals(e.getErrorClass())) {
      return null;
    }
    String name = e.getMessageParameters().get("relationName");
    return name == null ? null : name.replace("`", "");
  }
}
