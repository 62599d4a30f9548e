package io.cx.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Schemas;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobResult;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.ingest.IngestJobTest;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/data-contract.md section 6 documents the schema of every table; this test keeps it true: the
 * documented columns, types and nullability equal the schemas in common and the schemas of the
 * tables the jobs actually write.
 */
class DocumentedSchemasTest {
  /** Table name to its documented columns: name, Spark SQL type, nullable. */
  static Map<String, List<String[]>> documented() throws Exception {
    Path doc = ShippedConfigTest.projectRoot().resolve("docs/data-contract.md");
    List<String> lines = Files.readAllLines(doc);
    int start = lines.indexOf("## 6. Schemas as written");
    assertTrue(start > 0, "docs/data-contract.md has no section '## 6. Schemas as written'");
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    List<String[]> current = null;
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("### ")) {
        current = new ArrayList<>();
        out.put(line.substring(4).trim(), current);
      } else if (current != null && line.startsWith("| ") && !line.startsWith("| column")) {
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        current.add(new String[] {cells[0].trim(), cells[1].trim(), cells[2].trim()});
      }
    }
    return out;
  }

  static List<String> describe(StructType schema, boolean withNullability) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(
          f.name()
              + " "
              + f.dataType().simpleString()
              + (withNullability ? (f.nullable() ? " yes" : " no") : ""));
    }
    return out;
  }

  static List<String> describe(List<String[]> doc, boolean withNullability) {
    return doc.stream().map(c -> c[0] + " " + c[1] + (withNullability ? " " + c[2] : "")).toList();
  }

  @Test
  void theDocumentedSchemasAreTheSchemasInCommon() throws Exception {
    Map<String, List<String[]>> doc = documented();
    Map<String, StructType> fixed =
        Map.ofEntries(
            Map.entry(Tables.SURVEY_ANSWERS, Schemas.SURVEY_ANSWERS),
            Map.entry(Tables.BEHAVIOR_EVENTS, Schemas.BEHAVIOR_EVENTS),
            Map.entry(Tables.CUSTOMERS, Schemas.CUSTOMERS),
            Map.entry(Tables.REJECTED_RECORDS, Schemas.REJECTED_RECORDS),
            Map.entry(Tables.RUN_LOG, Schemas.RUN_LOG),
            Map.entry(Tables.DRIVER_IMPORTANCE, Schemas.DRIVER_IMPORTANCE),
            Map.entry(Tables.METRIC_THRESHOLDS, Schemas.METRIC_THRESHOLDS),
            Map.entry(Tables.TOUCHPOINT_KPIS, Schemas.TOUCHPOINT_KPIS),
            Map.entry(Tables.MODEL_METRICS, Schemas.MODEL_METRICS),
            Map.entry(Tables.CHURN_SCORES, Schemas.CHURN_SCORES),
            Map.entry(Tables.DRIVER_IMPACT, Schemas.DRIVER_IMPACT));
    for (Map.Entry<String, StructType> e : fixed.entrySet()) {
      assertTrue(
          doc.containsKey(e.getKey()), "docs/data-contract.md section 6 lacks " + e.getKey());
      assertEquals(describe(e.getValue(), true), describe(doc.get(e.getKey()), true), e.getKey());
    }
    for (String table : doc.keySet()) {
      assertTrue(Tables.ALL.contains(table), "documented table " + table + " is not a cx table");
    }
  }

  @Test
  void theTablesTheJobsWriteHaveTheDocumentedColumnsAndTypes(@TempDir Path dir) throws Exception {
    Workspace ws = IngestJobTest.workspace(dir);
    JobResult r =
        io.cx.common.job.JobRunner.run(
            new io.cx.jobs.ingest.IngestJob(),
            io.cx.common.job.JobContext.of(
                SharedSpark.get(), ws.load(), java.time.LocalDate.of(2024, 6, 30)));
    assertEquals(0, r.exitCode(), r.error());
    Map<String, List<String[]>> doc = documented();
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    int checked = 0;
    for (String table : Tables.ALL) {
      if (io.exists(table)) {
        assertTrue(doc.containsKey(table), "docs/data-contract.md section 6 lacks " + table);
        assertEquals(
            describe(doc.get(table), false), describe(io.read(table).schema(), false), table);
        checked++;
      }
    }
    assertEquals(5, checked);
  }
}
