package io.cx.jobs.fuse;

import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas documented in docs/data-contract.md section 6, as lines {@code "name type nullable"},
 * and the same for Spark schemas, to compare the two.
 */
final class ContractDoc {
  static final String TOUCHPOINT_COLUMNS = "tp_<touchpoint id>";
  static final String METRIC_COLUMNS = "m_<metric id>";

  private ContractDoc() {}

  /** Table name to its documented columns: "name type yes|no". */
  static Map<String, List<String>> schemas() {
    Path doc = projectRoot().resolve("docs/data-contract.md");
    List<String> lines;
    try {
      lines = Files.readAllLines(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = lines.indexOf("## 6. Schemas as written");
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("### ")) {
        current = new ArrayList<>();
        out.put(line.substring(4).trim(), current);
      } else if (current != null && line.startsWith("| ") && !line.startsWith("| column")) {
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        current.add(cells[0].trim() + " " + cells[1].trim() + " " + cells[2].trim());
      }
    }
    return out;
  }

  /** The documented journey_features columns with the tp_/m_ lines expanded for one journey. */
  static List<String> features(JourneyMap journey) {
    List<String> out = new ArrayList<>();
    for (String line : schemas().get("journey_features")) {
      if (line.startsWith(TOUCHPOINT_COLUMNS + " ")) {
        String rest = line.substring(TOUCHPOINT_COLUMNS.length());
        FeatureColumns.touchpointColumns(journey).forEach(c -> out.add(c + rest));
      } else if (line.startsWith(METRIC_COLUMNS + " ")) {
        String rest = line.substring(METRIC_COLUMNS.length());
        FeatureColumns.metricColumns(journey).forEach(c -> out.add(c + rest));
      } else {
        out.add(line);
      }
    }
    return out;
  }

  static List<String> describe(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(f.name() + " " + f.dataType().simpleString() + (f.nullable() ? " yes" : " no"));
    }
    return out;
  }

  /** Lines without their nullability (Delta writes every column as nullable). */
  static List<String> withoutNullability(List<String> lines) {
    return lines.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
  }

  private static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("docs"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
