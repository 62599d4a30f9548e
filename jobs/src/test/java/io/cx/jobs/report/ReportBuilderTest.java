package io.cx.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report model from small in-memory tables: readings, escaping, empty sections. */
class ReportBuilderTest {
  static final LocalDate DATE = LocalDate.of(2024, 6, 30);
  static final String HOSTILE = "<script>alert(1)</script>";

  /** The workspace journey, with the delivery touchpoint renamed to a hostile string. */
  static JourneyMap journey(Path dir, String deliveryName) {
    String yaml =
        Workspace.JOURNEY.replace(
            "touchpoints: [{id: delivery}]",
            "touchpoints: [{id: delivery, name: \"" + deliveryName + "\"}]");
    return JourneyMapLoader.load(new Workspace(dir).write("journey.yaml", yaml));
  }

  /** A row of {@code schema} from the given values by column name; the rest null. */
  static Row row(StructType schema, Map<String, Object> values) {
    Object[] v = new Object[schema.size()];
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      Object x = values.get(fields[i].name());
      if (x instanceof LocalDate d) {
        x = Date.valueOf(d);
      }
      v[i] = x;
    }
    return RowFactory.create(v);
  }

  static Optional<Dataset<Row>> table(StructType schema, List<Map<String, Object>> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(m -> list.add(row(schema, m)));
    return Optional.of(SharedSpark.get().createDataFrame(list, schema));
  }

  static Map<String, Object> driver(
      String target, String driver, String method, double share, double lo, double hi, String q) {
    return Map.ofEntries(
        Map.entry(Cols.JOURNEY, "shop"),
        Map.entry(Cols.TARGET, target),
        Map.entry(Cols.SEGMENT, Cols.ALL),
        Map.entry(Cols.DRIVER, driver),
        Map.entry(Cols.DRIVER_KIND, "touchpoint"),
        Map.entry(Cols.METHOD, method),
        Map.entry(Cols.SHARE, share),
        Map.entry(Cols.CI_LOW, lo),
        Map.entry(Cols.CI_HIGH, hi),
        Map.entry(Cols.PERFORMANCE, q.equals("keep_up") ? 0.8 : 0.5),
        Map.entry(Cols.QUADRANT, q),
        Map.entry(Cols.N, 500L),
        Map.entry(Cols.STATUS, "estimated"),
        Map.entry(Cols.RUN_ID, "r"),
        Map.entry(Cols.RUN_DATE, DATE));
  }

  static ReportTables tables() {
    Optional<Dataset<Row>> none = Optional.empty();
    Optional<Dataset<Row>> drivers =
        table(
            Schemas.DRIVER_IMPORTANCE,
            List.of(
                driver("satisfaction", "delivery", "lmg", 0.4123, 0.391, 0.424, "concentrate_here"),
                driver("satisfaction", "checkout", "lmg", 0.3, 0.25, 0.35, "keep_up"),
                driver(
                    "satisfaction",
                    "delivery",
                    "relative_weight",
                    0.45,
                    0.4,
                    0.5,
                    "concentrate_here")));
    Optional<Dataset<Row>> scores =
        table(
            Schemas.CHURN_SCORES,
            List.of(
                Map.ofEntries(
                    Map.entry(Cols.JOURNEY, "shop"),
                    Map.entry(Cols.CUSTOMER_ID, HOSTILE),
                    Map.entry(Cols.RESPONSE_ID, "r1"),
                    Map.entry(Cols.SEGMENT, "gold"),
                    Map.entry(Cols.CHURN_PROBABILITY, 0.83),
                    Map.entry(Cols.REVENUE_AT_RISK, 1200.0),
                    Map.entry(Cols.TOP_REASONS, List.of("delivery", "checkout")),
                    Map.entry(Cols.MODEL, "gbt"),
                    Map.entry(Cols.HORIZON_START, Timestamp.valueOf("2024-06-01 00:00:00")),
                    Map.entry(Cols.HORIZON_END, Timestamp.valueOf("2024-08-30 00:00:00")),
                    Map.entry(Cols.RUN_DATE, DATE))));
    return new ReportTables(drivers, none, none, scores, none, none, none, none, none);
  }

  static Report.Section section(Report r, String id) {
    return r.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void readingsAreComputedFromTheNumbers(@TempDir Path dir) {
    Report r = ReportBuilder.build(tables(), journey(dir, "Delivery on time"), DATE, false);
    Report.Section drivers = section(r, "drivers");
    assertEquals(
        "Delivery on time drives 41 % (39–42 %) of overall satisfaction (LMG) and performs below"
            + " average: fix first.",
        drivers.charts().get(0).reading());
    assertEquals(
        "Fix first (important, performing below average): Delivery on time.",
        section(r, "quadrant").charts().get(0).reading());
    assertEquals(
        "1 of 1 customers at risk (100 %) have a churn probability of 50 % or more.",
        section(r, "churn-risk").charts().get(0).reading());
    // Recommendation and churn have no rows: the section names what is missing.
    assertTrue(
        drivers.whyEmpty().contains("likelihood to recommend (NPS): driver_importance has no row"),
        drivers.whyEmpty());
  }

  @Test
  void sectionsWithNothingToShowSayWhy(@TempDir Path dir) {
    Optional<Dataset<Row>> none = Optional.empty();
    ReportTables empty = new ReportTables(none, none, none, none, none, none, none, none, none);
    Report r = ReportBuilder.build(empty, journey(dir, "Delivery"), DATE, false);
    assertEquals(8, r.sections().size());
    for (Report.Section s : r.sections()) {
      assertNotNull(s.whyEmpty(), s.id() + " says nothing about why it is empty");
      assertTrue(s.charts().isEmpty(), s.id());
    }
    assertEquals(
        "No model_metrics has no test-split row".substring(3),
        section(r, "churn-quality")
            .whyEmpty()
            .substring(0, "model_metrics has no test-split row".length()));
    assertTrue(
        section(r, "quality")
            .whyEmpty()
            .contains("Not run for this date: ingest, fuse, drivers, churn, kpis."),
        section(r, "quality").whyEmpty());
    String html = ReportPage.render(r);
    assertTrue(
        html.contains("touchpoint_kpis has no cell for this journey up to this date."), "kpis");
  }

  @Test
  void aRerunWritesTheSamePageOverTheOldOne(@TempDir Path dir) throws java.io.IOException {
    Report r = ReportBuilder.build(tables(), journey(dir, "Delivery"), DATE, false);
    String path = ReportFiles.path(dir.resolve("warehouse").toString(), "shop", DATE);
    assertTrue(path.endsWith("/reports/shop/2024-06-30/index.html"), path);
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    ReportFiles.write(
        conf, path, "an older page, longer than the new one " + "x".repeat(2_000_000));
    String html = ReportPage.render(r);
    ReportFiles.write(conf, path, html);
    assertEquals(html, java.nio.file.Files.readString(Path.of(path)));
    assertEquals(
        html,
        ReportPage.render(ReportBuilder.build(tables(), journey(dir, "Delivery"), DATE, false)));
  }

  @Test
  void everyValueFromDataIsEscaped(@TempDir Path dir) {
    Report r = ReportBuilder.build(tables(), journey(dir, HOSTILE), DATE, true);
    String html = ReportPage.render(r);
    assertFalse(html.contains(HOSTILE), "a raw hostile string reached the page");
    // In text (table cells, readings): HTML-escaped.
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped text");
    // In chart options (JSON script blocks): < and > as \\u003c and \\u003e.
    assertTrue(html.contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"), "escaped JSON");
    assertTrue(
        section(r, "churn-risk")
            .intro()
            .endsWith("Customer ids are pseudonyms (privacy.pseudonymise_ids is on)."));
  }
}
