package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The output tables of a whole run on generated data ({@link SampleWarehouse}), row for row,
 * against checksums stored in {@value #GOLDEN} before a refactoring: a change of structure must not
 * change a single value.
 *
 * <p>Each table is read without run_id; every row becomes one line (doubles to 10 significant
 * digits, so that a different but equivalent order of floating-point sums does not count); the
 * lines are sorted and hashed. After a change that is meant to alter results, run this test with
 * {@code -Dcx.golden.update=true} to write the file again, and say why in the commit.
 */
class PipelineOutputChecksumsTest {
  static final String GOLDEN = "golden/pipeline-output-checksums.txt";

  @Test
  void everyOutputTableIsWhatItWasBeforeTheChange() throws IOException {
    SparkSession spark = SharedSpark.get();
    Path warehouse = SampleWarehouse.get().warehouse();

    Map<String, String> got = new TreeMap<>();
    for (String table : Tables.ALL) {
      if (!table.equals(Tables.RUN_LOG)) {
        got.put(table, checksum(spark, warehouse.resolve(table)));
      }
    }
    Path stored = testResources().resolve(GOLDEN);
    if (Boolean.getBoolean("cx.golden.update")) {
      List<String> lines = new ArrayList<>();
      got.forEach((t, c) -> lines.add(t + " " + c));
      Files.write(stored, lines, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(stored), stored + " is missing: run with -Dcx.golden.update=true");
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(stored, StandardCharsets.UTF_8)) {
      String[] parts = line.split(" ", 2);
      expected.put(parts[0], parts[1]);
    }
    assertEquals(expected, got);
  }

  /** The jobs module's test resources in the source tree, from the project or the module root. */
  private static Path testResources() {
    Path module = Path.of("src/test/resources");
    return Files.isDirectory(module) ? module : Path.of("jobs").resolve(module);
  }

  /** "rows sha256" of the table's rows without run_id. */
  static String checksum(SparkSession spark, Path table) {
    return checksum(spark, table.toString());
  }

  /** The same for a table at any path Spark reads (a local folder, s3a://...). */
  static String checksum(SparkSession spark, String table) {
    List<String> lines = lines(spark, table);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String line : lines) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return lines.size() + " " + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The table's rows without run_id, one canonical line each (as hashed), sorted. */
  static List<String> lines(SparkSession spark, String table) {
    List<String> lines = new ArrayList<>();
    for (Row r : spark.read().format("delta").load(table).drop(Cols.RUN_ID).collectAsList()) {
      lines.add(canonical(r));
    }
    lines.sort(null);
    return lines;
  }

  private static String canonical(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double || v instanceof Float) {
      return String.format(Locale.ROOT, "%.10g", ((Number) v).doubleValue());
    }
    if (v instanceof Row r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        parts.add(canonical(r.get(i)));
      }
      return "(" + String.join(",", parts) + ")";
    }
    if (v instanceof scala.collection.Seq<?> s) {
      List<String> parts = new ArrayList<>();
      JavaConverters.seqAsJavaList(s).forEach(x -> parts.add(canonical(x)));
      return "[" + String.join(",", parts) + "]";
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      JavaConverters.mapAsJavaMap(m).forEach((k, x) -> sorted.put(canonical(k), canonical(x)));
      return sorted.toString();
    }
    return v.toString();
  }
}
