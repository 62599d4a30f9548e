package io.cx.jobs.testing;

import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Touchpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of {@value #FILE}, where every output table and column is documented: a section
 * {@code ## <table>} per table holding one markdown table {@code | column | type | nullable |
 * meaning | example |}. journey_features documents its journey-dependent columns as the patterns
 * {@value #TOUCHPOINT_COLUMNS} and {@value #METRIC_COLUMNS}; {@link #expand} turns them into the
 * columns of given journeys. {@link #differences} compares documented columns with a schema.
 */
public final class TableDocs {
  public static final String FILE = "docs/tables.md";
  public static final String TOUCHPOINT_COLUMNS = "tp_<touchpoint id>";
  public static final String METRIC_COLUMNS = "m_<metric id>";

  /** One documented column; name and type without their backticks. */
  public record Column(
      String name, String type, boolean nullable, String meaning, String example) {}

  private TableDocs() {}

  /** Table name to its documented columns, in the file's order. */
  public static Map<String, List<Column>> read() {
    try {
      return parse(Files.readAllLines(ProjectRoot.path().resolve(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the file's lines. A section's heading is a bare table name ({@code ## churn_scores});
   * other sections ({@code ## How to read ...}) hold no columns. A column row that does not have
   * five cells, or whose nullable is not yes or no, is an error naming its line.
   */
  public static Map<String, List<Column>> parse(List<String> lines) {
    Map<String, List<Column>> out = new LinkedHashMap<>();
    List<Column> current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("## ")) {
        String heading = line.substring(3).strip();
        current = heading.matches("[a-z][a-z0-9_]*") ? new ArrayList<>() : null;
        if (current != null && out.put(heading, current) != null) {
          throw new IllegalStateException(FILE + " line " + (i + 1) + ": " + heading + " twice");
        }
      } else if (current != null
          && line.startsWith("|")
          && !line.startsWith("| column ")
          && !line.startsWith("|--")) {
        current.add(column(line, i + 1));
      }
    }
    return out;
  }

  private static Column column(String line, int number) {
    String[] cells =
        line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
    if (cells.length != 5) {
      throw new IllegalStateException(
          FILE
              + " line "
              + number
              + ": a column row has 5 cells (column, type, nullable, meaning, example), this one has "
              + cells.length
              + " (a | inside a cell?): "
              + line);
    }
    String nullable = cells[2].strip();
    if (!nullable.equals("yes") && !nullable.equals("no")) {
      throw new IllegalStateException(
          FILE + " line " + number + ": nullable is yes or no, not '" + nullable + "'");
    }
    return new Column(
        unquote(cells[0]),
        unquote(cells[1]),
        nullable.equals("yes"),
        cells[3].strip(),
        cells[4].strip());
  }

  private static String unquote(String cell) {
    String s = cell.strip();
    return s.length() > 1 && s.startsWith("`") && s.endsWith("`")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /**
   * The documented columns with the pattern rows replaced by the journeys' columns: journey by
   * journey, its touchpoints then its metrics, each column once (journeys sharing an id share it).
   */
  public static List<Column> expand(List<Column> documented, List<JourneyMap> journeys) {
    Column tp = find(documented, TOUCHPOINT_COLUMNS);
    Column m = find(documented, METRIC_COLUMNS);
    Map<String, Column> drivers = new LinkedHashMap<>();
    for (JourneyMap j : journeys) {
      for (Touchpoint t : j.touchpoints()) {
        String name = TOUCHPOINT_COLUMNS.replace("<touchpoint id>", t.id());
        drivers.putIfAbsent(
            name, new Column(name, tp.type(), tp.nullable(), tp.meaning(), tp.example()));
      }
      for (Metric x : j.metrics()) {
        String name = METRIC_COLUMNS.replace("<metric id>", x.id());
        drivers.putIfAbsent(
            name, new Column(name, m.type(), m.nullable(), m.meaning(), m.example()));
      }
    }
    List<Column> out = new ArrayList<>();
    for (Column c : documented) {
      if (c == tp) {
        out.addAll(drivers.values());
      } else if (c != m) {
        out.add(c);
      }
    }
    return out;
  }

  private static Column find(List<Column> columns, String name) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(FILE + ": no column row " + name));
  }

  /**
   * What differs between the documented columns of a table and a schema, one line per problem
   * naming the table and the column: a column missing on either side, another type, another
   * nullability (when {@code withNullability}), or the same columns in another order. Empty when
   * they agree.
   */
  public static List<String> differences(
      String table, List<Column> documented, StructType schema, boolean withNullability) {
    Map<String, Column> doc = new LinkedHashMap<>();
    documented.forEach(c -> doc.put(c.name(), c));
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = doc.get(f.name());
      String type = f.dataType().simpleString();
      if (c == null) {
        out.add(
            table
                + "."
                + f.name()
                + " ("
                + type
                + ") is in the schema but not documented in "
                + FILE);
      } else if (!c.type().equals(type)) {
        out.add(
            table
                + "."
                + f.name()
                + " is documented as "
                + c.type()
                + " but the schema has "
                + type);
      } else if (withNullability && c.nullable() != f.nullable()) {
        out.add(
            table
                + "."
                + f.name()
                + " is documented as nullable "
                + (c.nullable() ? "yes" : "no")
                + " but the schema has "
                + (f.nullable() ? "yes" : "no"));
      }
    }
    List<String> names = List.of(schema.fieldNames());
    for (Column c : documented) {
      if (!names.contains(c.name())) {
        out.add(table + "." + c.name() + " is documented in " + FILE + " but not in the schema");
      }
    }
    List<String> docNames = documented.stream().map(Column::name).toList();
    if (out.isEmpty() && !docNames.equals(names)) {
      out.add(table + ": the columns are documented in another order than the schema's: " + names);
    }
    return out;
  }
}
