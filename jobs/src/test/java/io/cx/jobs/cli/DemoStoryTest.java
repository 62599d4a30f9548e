package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story {@code cx demo} tells, on the shared pipeline warehouse: each number it prints is the
 * one the tables hold, read here by SQL over the same tables.
 */
class DemoStoryTest {
  static SparkSession views;
  static TableIO tables;

  @BeforeAll
  static void warehouse() {
    SampleWarehouse world = SampleWarehouse.get();
    views = SharedSpark.get().newSession();
    WarehouseViews.register(new TableIO(views, world.warehouse().toString()));
    tables = world.tables();
  }

  static String story(Path reportsUnder) {
    StringWriter out = new StringWriter();
    new DemoStory(tables, reportsUnder.toString(), SampleWarehouse.DATE)
        .tell(SampleWarehouse.get().config().journeys(), new PrintWriter(out));
    return out.toString();
  }

  static Matcher find(String regex, String text) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertTrue(m.find(), "no line like " + regex + " in:\n" + text);
    return m;
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f", 100 * share);
  }

  @Test
  void theTopDriversOfSatisfactionAreTheTablesWithTheirIntervalsAndReadings(@TempDir Path dir) {
    String story = story(dir);
    List<Row> top =
        views
            .sql(
                "SELECT driver, share, ci_low, ci_high, performance, quadrant FROM"
                    + " driver_importance WHERE target = 'satisfaction' AND segment = 'ALL' AND"
                    + " method = 'lmg' AND status = 'estimated' ORDER BY share DESC, driver LIMIT 3")
            .collectAsList();
    assertEquals(3, top.size());
    Matcher m =
        Pattern.compile(
                "^    (\\d)\\. (\\w+)(?: \\([^)]*\\))? +(\\d+) % \\((\\d+)-(\\d+) %\\), performance"
                    + " ([0-9.]+): (.+)$",
                Pattern.MULTILINE)
            .matcher(story);
    List<String> printed = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    while (m.find()) {
      printed.add(
          String.join("|", m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)));
    }
    for (Row r : top) {
      expected.add(
          String.join(
              "|",
              r.getString(0),
              pct(r.getDouble(1)),
              pct(r.getDouble(2)),
              pct(r.getDouble(3)),
              String.format(Locale.ROOT, "%.2f", r.getDouble(4)),
              DemoStory.reading(r.getString(5))));
    }
    assertEquals(expected, printed, story);
    assertTrue(
        story.contains("important and below average, fix first")
            || story.contains("important and above average, keep it up"),
        story);
  }

  @Test
  void theChurnModelsTestAucRevenueAtRiskAndAlertsAreTheTables(@TempDir Path dir) {
    String story = story(dir);
    Row auc =
        views
            .sql(
                "SELECT m.model, m.value, m.n FROM model_metrics m JOIN (SELECT DISTINCT model FROM"
                    + " churn_scores) s ON s.model = m.model WHERE m.split = 'test' AND m.metric ="
                    + " 'auc'")
            .first();
    Matcher model =
        find(
            "^  Churn model: (\\w+) scores the customers; test AUC ([0-9.]+) on ([0-9,]+) held-out",
            story);
    assertEquals(auc.getString(0), model.group(1));
    assertEquals(String.format(Locale.ROOT, "%.3f", auc.getDouble(1)), model.group(2));
    assertEquals(auc.getLong(2), Long.parseLong(model.group(3).replace(",", "")));

    Row risk = views.sql("SELECT sum(revenue_at_risk), count(*) FROM churn_scores").first();
    Matcher money = find("^  Revenue at risk: ([0-9,]+) across ([0-9,]+) customers at risk", story);
    assertEquals(Math.round(risk.getDouble(0)), Long.parseLong(money.group(1).replace(",", "")));
    assertEquals(risk.getLong(1), Long.parseLong(money.group(2).replace(",", "")));
    Row reason =
        views
            .sql(
                "SELECT top_reasons[0] AS r, count(*) AS n FROM churn_scores GROUP BY r ORDER BY n"
                    + " DESC, r LIMIT 1")
            .first();
    find(
        "^    most frequent first reason: "
            + reason.getString(0)
            + " \\("
            + String.format(Locale.ROOT, "%,d", reason.getLong(1))
            + " customers\\)",
        story);

    long alerts = views.sql("SELECT * FROM touchpoint_kpis WHERE alert").count();
    assertTrue(alerts > 0, "the sample warehouse has no KPI alert to tell");
    Matcher kpis = find("^  KPI alerts: ([0-9,]+) cells significantly below their norm", story);
    assertEquals(alerts, Long.parseLong(kpis.group(1).replace(",", "")));
    // The latest alerts, each one an alert row of the table, the first of the latest period, no
    // two with the same numbers (a roll-up of one touchpoint repeats its numbers).
    Matcher line =
        Pattern.compile(
                "^    (\\w+) (\\S+), (\\w+)/(\\w+), segment (\\w+), channel (\\w+): (\\w+)"
                    + " ([0-9.]+) against a norm of ([0-9.]+) \\(n (\\d+)\\)$",
                Pattern.MULTILINE)
            .matcher(story);
    List<String> told = new ArrayList<>();
    while (line.find()) {
      long matching =
          views
              .sql(
                  String.format(
                      Locale.ROOT,
                      "SELECT * FROM touchpoint_kpis WHERE alert AND period_grain = '%s' AND"
                          + " period_start = DATE'%s' AND stage = '%s' AND touchpoint = '%s' AND"
                          + " segment = '%s' AND channel = '%s' AND metric = '%s' AND"
                          + " abs(value - %s) <= 0.005 AND abs(norm - %s) <= 0.005 AND n = %s",
                      line.group(1),
                      line.group(2),
                      line.group(3),
                      line.group(4),
                      line.group(5),
                      line.group(6),
                      line.group(7),
                      line.group(8),
                      line.group(9),
                      line.group(10)))
              .count();
      assertEquals(1, matching, line.group());
      told.add(
          String.join(
              " ",
              line.group(1),
              line.group(2),
              line.group(5),
              line.group(6),
              line.group(7),
              line.group(8),
              line.group(10)));
    }
    long distinct =
        views
            .sql(
                "SELECT DISTINCT period_grain, period_start, segment, channel, metric, value, n"
                    + " FROM touchpoint_kpis WHERE alert")
            .count();
    assertEquals(Math.min(DemoStory.LATEST_ALERTS, distinct), told.size(), story);
    assertEquals(told.size(), new java.util.HashSet<>(told).size(), story);
    Object newest =
        views.sql("SELECT max(period_start) FROM touchpoint_kpis WHERE alert").first().get(0);
    assertEquals(newest.toString(), told.get(0).split(" ")[1]);
  }

  @Test
  void thePathOfTheReportIsToldOnlyWhenTheReportExists(@TempDir Path dir) throws Exception {
    assertFalse(story(dir).contains("Report:"));
    String journey = SampleWarehouse.get().config().journeys().get(0).id();
    Path report =
        dir.resolve("reports")
            .resolve(journey)
            .resolve(SampleWarehouse.DATE.toString())
            .resolve("index.html");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "<html></html>");
    find(
        "^  Report: .*" + Pattern.quote(report.toString()) + " \\(open it in a browser\\)$",
        story(dir));
  }
}
