package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a bad-row share, every file holds that share of rows an ingest job must reject, each of one
 * kind; truth.json counts them exactly, and the good rows are the same as without bad rows.
 */
class GeneratorBadRowsTest {
  private static final double SHARE = 0.05;

  @TempDir static Path dir;
  private static GeneratedData bad;
  private static GeneratedData clean;
  private static Truth truth;

  @BeforeAll
  static void generate() {
    GeneratorOptions options =
        GeneratorOptions.defaults(dir.resolve("bad")).withCustomers(250).withBadRowShare(SHARE);
    bad = Generator.generate(options);
    clean = Generator.generate(options.withOut(dir.resolve("clean")).withBadRowShare(0));
    truth = Truth.read(bad.truth());
  }

  @Test
  void truthCountsEveryBadRowByKindInEveryFile() {
    CsvTable wide = CsvTable.read(bad.surveysWide());
    Map<String, Function<List<String>, String>> classifiers = new LinkedHashMap<>();
    classifiers.put("surveys", BadRowClassifier::surveyLong);
    classifiers.put("surveys_wide", f -> BadRowClassifier.surveyWide(wide.header(), f));
    classifiers.put("events", BadRowClassifier::event);
    classifiers.put("customers", BadRowClassifier::customer);
    Map<String, Path> files =
        Map.of(
            "surveys", bad.surveys(),
            "surveys_wide", bad.surveysWide(),
            "events", bad.events(),
            "customers", bad.customers());
    assertEquals(classifiers.keySet(), truth.badRows().keySet());
    int total = 0;
    for (Map.Entry<String, Function<List<String>, String>> c : classifiers.entrySet()) {
      Map<String, Integer> found = new LinkedHashMap<>();
      truth.badRows().get(c.getKey()).keySet().forEach(k -> found.put(k, 0));
      for (List<String> row : CsvTable.read(files.get(c.getKey())).rows()) {
        String reason = c.getValue().apply(row);
        if (reason != null) {
          found.merge(reason, 1, Integer::sum);
        }
      }
      assertEquals(truth.badRows().get(c.getKey()), found, c.getKey());
      found.forEach((kind, n) -> assertTrue(n > 0, c.getKey() + " has no " + kind));
      total += found.values().stream().mapToInt(Integer::intValue).sum();
    }
    assertEquals(bad.badRows(), total);
  }

  @Test
  void badRowsAreTheirShareOfEachFile() {
    assertShare(bad.surveyRows(), truth.badRows().get("surveys"));
    assertShare(bad.responseCount(), truth.badRows().get("surveys_wide"));
    assertShare(bad.eventCount() + bad.duplicateEvents(), truth.badRows().get("events"));
    assertShare(bad.customerCount(), truth.badRows().get("customers"));
    assertEquals(Map.of("surveys", 6, "surveys_wide", 5, "events", 4, "customers", 4), kinds());
  }

  private static void assertShare(int good, Map<String, Integer> kinds) {
    int n = kinds.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(Math.round(SHARE * good), n);
  }

  private static Map<String, Integer> kinds() {
    Map<String, Integer> out = new LinkedHashMap<>();
    truth.badRows().forEach((source, k) -> out.put(source, k.size()));
    return out;
  }

  @Test
  void theGoodRowsAreTheSameAsWithoutBadRows() {
    assertEquals(goodLines(bad.surveys(), BadRowClassifier::surveyLong), lines(clean.surveys()));
    assertEquals(goodLines(bad.events(), BadRowClassifier::event), lines(clean.events()));
    assertEquals(goodLines(bad.customers(), BadRowClassifier::customer), lines(clean.customers()));
    CsvTable wide = CsvTable.read(bad.surveysWide());
    assertEquals(
        goodLines(bad.surveysWide(), f -> BadRowClassifier.surveyWide(wide.header(), f)),
        lines(clean.surveysWide()));
    assertEquals(0, Truth.read(clean.truth()).badRows().get("events").get("malformed_row"));
  }

  @Test
  void theConfigGateLetsThePlantedRejectsThrough() throws Exception {
    String config = Files.readString(bad.config());
    assertTrue(config.contains("max_reject_rate: 0.110"), config);
  }

  private static List<String> goodLines(Path file, Function<List<String>, String> classifier) {
    CsvTable t = CsvTable.read(file);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      if (classifier.apply(t.rows().get(i)) == null) {
        out.add(t.lines().get(i));
      }
    }
    return out;
  }

  private static List<String> lines(Path file) {
    return CsvTable.read(file).lines();
  }
}
