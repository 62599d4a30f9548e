package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.CliTest.Run;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cx sql}: one query over the warehouse's tables, printed as an aligned table. */
class SqlCommandTest {
  @TempDir static Path dir;
  static String config;

  /** A warehouse holding only model_metrics, three rows (one null value). */
  @BeforeAll
  static void warehouse() {
    Workspace ws = new Workspace(dir);
    config = ws.config().toString();
    Date d = Date.valueOf("2024-06-30");
    List<Row> rows =
        List.of(
            RowFactory.create("shop", "logit", "churn", "test", "auc", 0.75, 120L, d),
            RowFactory.create("shop", "gbt", "churn", "test", "auc", 0.8125, 120L, d),
            RowFactory.create("shop", "gbt", "churn", "test", "lift_top_decile", null, 7L, d));
    SharedSpark.get()
        .createDataFrame(rows, Schemas.MODEL_METRICS)
        .write()
        .format("delta")
        .save(new TableIO(SharedSpark.get(), ws.warehouse()).path(Tables.MODEL_METRICS));
  }

  @Test
  void printsTheResultAsAnAlignedTableWithNumbersOnTheRight() {
    Run r =
        CliTest.cx(
            "sql",
            "--config",
            config,
            "SELECT model, metric, value, n, array(model, split) AS parts FROM model_metrics"
                + " ORDER BY model, metric");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        """
        model | metric          |  value |   n | parts
        ------+-----------------+--------+-----+--------------
        gbt   | auc             | 0.8125 | 120 | [gbt, test]
        gbt   | lift_top_decile |   null |   7 | [gbt, test]
        logit | auc             |   0.75 | 120 | [logit, test]
        (3 rows)
        """,
        r.out());
  }

  @Test
  void saysWhenTheResultHasMoreRowsThanTheLimit() {
    Run r =
        CliTest.cx(
            "sql", "--config", config, "--limit", "2", "SELECT n FROM model_metrics ORDER BY n");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        """
          n
        ---
          7
        120
        (first 2 rows; the query returned more: raise --limit to see more)
        """,
        r.out());
    Run one = CliTest.cx("sql", "--config", config, "SELECT count(*) AS rows FROM model_metrics");
    assertTrue(one.out().endsWith("(1 row)\n"), one.out());
  }

  @Test
  void badSqlExitsWithTwoAndSparksMessageWithoutAStackTrace() {
    Run r = CliTest.cx("sql", "--config", config, "SELEC * FROM model_metrics");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("cx sql: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'."),
        r.err());
    assertFalse(r.err().contains("\tat "), r.err());

    Run column = CliTest.cx("sql", "--config", config, "SELECT valeu FROM model_metrics");
    assertEquals(2, column.code());
    assertTrue(
        column
            .err()
            .startsWith(
                "cx sql: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with"
                    + " name `valeu` cannot be resolved."),
        column.err());
    assertFalse(column.err().contains("\tat "), column.err());
  }

  @Test
  void aTableTheWarehouseDoesNotHaveYetExitsWithFourAndNamesTheJob() {
    Run r = CliTest.cx("sql", "--config", config, "SELECT * FROM churn_scores");
    assertEquals(4, r.code());
    assertEquals(
        "cx sql: table churn_scores does not exist at "
            + dir.resolve("warehouse/churn_scores")
            + "; run `cx churn` first. Tables in the warehouse: model_metrics\n",
        r.err());

    Run other = CliTest.cx("sql", "--config", config, "SELECT * FROM scores");
    assertEquals(2, other.code());
    assertTrue(other.err().contains("The table or view `scores` cannot be found."), other.err());
    assertTrue(other.err().endsWith("Tables in the warehouse: model_metrics\n"), other.err());
  }

  @Test
  void refusesStatementsThatWriteAndABadLimit() {
    Run r = CliTest.cx("sql", "--config", config, "DELETE FROM model_metrics");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("cx sql: only queries run here"), r.err());
    assertEquals(
        3L,
        SharedSpark.get()
            .read()
            .format("delta")
            .load(dir.resolve("warehouse/model_metrics").toString())
            .count());

    Run limit = CliTest.cx("sql", "--config", config, "--limit", "0", "SELECT 1");
    assertEquals(2, limit.code());
    assertTrue(limit.err().contains("cx sql: --limit: must be at least 1, got 0"), limit.err());
  }
}
