package io.cx.jobs.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows as an aligned text table, as {@code cx sql} prints them: a header, a rule, one line per row
 * (numbers and their headers right-aligned, everything else left-aligned, {@code null} for a null,
 * line breaks inside a value shown as {@code \n}), then the row count.
 *
 * <pre>
 * segment  | n   | csat
 * ---------+-----+-------
 * ALL      | 724 | 0.6125
 * consumer | 400 | null
 * (2 rows)
 * </pre>
 */
final class TextTable {
  private TextTable() {}

  /**
   * Prints the rows; the values are the rows' text (every column cast to string, as Spark shows
   * them).
   *
   * @param truncatedAt the row limit when the query returned more rows than were printed, or -1
   */
  static void print(PrintWriter out, StructType schema, List<Row> rows, int truncatedAt) {
    StructField[] fields = schema.fields();
    int[] width = new int[fields.length];
    List<String[]> cells = new ArrayList<>();
    for (int c = 0; c < fields.length; c++) {
      width[c] = fields[c].name().length();
    }
    for (Row r : rows) {
      String[] line = new String[fields.length];
      for (int c = 0; c < fields.length; c++) {
        line[c] = r.isNullAt(c) ? "null" : r.get(c).toString().replace("\n", "\\n");
        width[c] = Math.max(width[c], line[c].length());
      }
      cells.add(line);
    }
    List<String> header = new ArrayList<>();
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < fields.length; c++) {
      header.add(pad(fields[c].name(), width[c], numeric(fields[c])));
      rule.add("-".repeat(width[c]));
    }
    out.println(String.join(" | ", header).stripTrailing());
    out.println(String.join("-+-", rule));
    for (String[] line : cells) {
      List<String> padded = new ArrayList<>();
      for (int c = 0; c < fields.length; c++) {
        padded.add(pad(line[c], width[c], numeric(fields[c])));
      }
      out.println(String.join(" | ", padded).stripTrailing());
    }
    if (truncatedAt >= 0) {
      out.printf(
          "(first %d rows; the query returned more: raise --limit to see more)%n", truncatedAt);
    } else {
      out.printf("(%d %s)%n", rows.size(), rows.size() == 1 ? "row" : "rows");
    }
  }

  private static boolean numeric(StructField field) {
    return field.dataType() instanceof NumericType;
  }

  private static String pad(String s, int width, boolean right) {
    String space = " ".repeat(width - s.length());
    return right ? space + s : s + space;
  }
}
