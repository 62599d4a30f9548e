package io.cx.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.cli.SampleWarehouse;
import io.cx.jobs.cli.WarehouseViews;
import io.cx.jobs.testing.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The analyst notebooks of notebooks/ are valid nbformat 4 and cannot drift from the tables: every
 * {@code spark.sql("""...""")} statement they hold runs, and returns columns, on a warehouse that a
 * whole pipeline run wrote from generated data ({@link SampleWarehouse}), with the views the
 * notebooks' first cell registers (notebooks/cx_setup.py, as {@link WarehouseViews}).
 */
class NotebooksTest {
  /** The notebooks the project promises: driver exploration, churn risk, KPI monitor, quality. */
  static final List<String> NOTEBOOKS =
      List.of(
          "01_drivers.ipynb",
          "02_churn_risk.ipynb",
          "03_kpi_monitor.ipynb",
          "04_data_quality.ipynb");

  /** A call of spark.sql, and the triple-quoted literal every call must take. */
  static final Pattern CALL = Pattern.compile("spark\\.sql\\(");

  static final Pattern LITERAL = Pattern.compile("\\G\\s*\"\"\"(.*?)\"\"\"\\s*\\)", Pattern.DOTALL);

  record Statement(String notebook, int cell, String sql) {
    @Override
    public String toString() {
      return notebook + ", cell " + cell + ":\n" + sql;
    }
  }

  static Path folder() {
    return ProjectRoot.path().resolve("notebooks");
  }

  static JsonNode read(String notebook) throws IOException {
    return new ObjectMapper().readTree(folder().resolve(notebook).toFile());
  }

  static String source(JsonNode cell) {
    JsonNode s = cell.get("source");
    if (s.isTextual()) {
      return s.asText();
    }
    StringBuilder sb = new StringBuilder();
    s.forEach(line -> sb.append(line.asText()));
    return sb.toString();
  }

  /** Every spark.sql statement of a notebook; a call without a triple-quoted literal fails. */
  static List<Statement> statements(String notebook) throws IOException {
    List<Statement> out = new ArrayList<>();
    JsonNode cells = read(notebook).get("cells");
    for (int i = 0; i < cells.size(); i++) {
      if (!cells.get(i).get("cell_type").asText().equals("code")) {
        continue;
      }
      String code = source(cells.get(i));
      Matcher call = CALL.matcher(code);
      while (call.find()) {
        Matcher literal = LITERAL.matcher(code);
        assertTrue(
            literal.find(call.end()),
            notebook
                + ", cell "
                + (i + 1)
                + ": spark.sql( must take one triple-quoted literal (\"\"\"SELECT ...\"\"\"), so"
                + " that this test can run it");
        out.add(new Statement(notebook, i + 1, literal.group(1).strip()));
      }
    }
    return out;
  }

  @Test
  void theNotebooksAreTheFourPromised() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      assertEquals(
          NOTEBOOKS,
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".ipynb"))
              .sorted()
              .toList());
    }
  }

  @Test
  void everyNotebookIsNbformat4WithoutOutputs() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String notebook : NOTEBOOKS) {
      problems.addAll(NotebookFormat.problems(notebook, read(notebook)));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theFirstCellRegistersEveryTableOfTheContract() throws IOException {
    String setup = Files.readString(folder().resolve("cx_setup.py"));
    Matcher list = Pattern.compile("TABLES = \\[(.*?)\\]", Pattern.DOTALL).matcher(setup);
    assertTrue(list.find(), "cx_setup.py has no TABLES = [...]");
    List<String> tables = new ArrayList<>();
    Matcher name = Pattern.compile("\"([a-z_]+)\"").matcher(list.group(1));
    while (name.find()) {
      tables.add(name.group(1));
    }
    assertEquals(Tables.ALL, tables, "cx_setup.py TABLES");
    for (String notebook : NOTEBOOKS) {
      JsonNode cells = read(notebook).get("cells");
      String firstCode = null;
      for (JsonNode cell : cells) {
        if (cell.get("cell_type").asText().equals("code")) {
          firstCode = source(cell);
          break;
        }
      }
      assertTrue(
          firstCode != null && firstCode.contains("open_warehouse()"),
          notebook + ": the first code cell must open the warehouse (cx_setup.open_warehouse)");
    }
  }

  @Test
  void everyQueryRunsAndReturnsColumnsOnAPipelinesTables() throws IOException {
    SampleWarehouse world = SampleWarehouse.get();
    SparkSession session = SharedSpark.get().newSession();
    List<String> views =
        WarehouseViews.register(new TableIO(session, world.warehouse().toString()));
    assertEquals(Tables.ALL, views);
    List<String> failures = new ArrayList<>();
    Set<String> noRows = new HashSet<>();
    long start = System.nanoTime();
    int ran = 0;
    for (String notebook : NOTEBOOKS) {
      List<Statement> statements = statements(notebook);
      assertTrue(statements.size() >= 4, notebook + " has " + statements.size() + " queries");
      for (Statement s : statements) {
        ran++;
        try {
          Dataset<Row> df = session.sql(s.sql());
          if (df.columns().length == 0) {
            failures.add("returns no columns: " + s);
          } else if (df.collectAsList().isEmpty()) {
            noRows.add(s.notebook() + " cell " + s.cell());
          }
        } catch (RuntimeException e) {
          failures.add(e.getMessage().lines().findFirst().orElse("") + "\n  in " + s);
        }
      }
    }
    assertEquals(List.of(), failures);
    System.out.printf(
        "NotebooksTest: %d queries in %.1f s; without rows on the sample warehouse: %s%n",
        ran, (System.nanoTime() - start) / 1e9, noRows);
  }
}
