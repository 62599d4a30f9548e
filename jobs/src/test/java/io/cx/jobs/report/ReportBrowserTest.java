package io.cx.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.journey.JourneyMap;
import io.cx.jobs.cli.SampleWarehouse;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.testing.Chromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a whole pipeline run on generated data ({@link SampleWarehouse}) opened in headless
 * Chromium: every chart container holds a rendered SVG, the console is silent, and screenshots at
 * desktop and phone widths go to {@code target/report-screenshots/}.
 */
class ReportBrowserTest {
  private static final Pattern CHART = Pattern.compile("data-chart=\"([a-z0-9-]+)\"");

  @Test
  void theReportOfAPipelineRunRendersEveryChartInABrowser(@TempDir Path tmp) throws IOException {
    SampleWarehouse run = SampleWarehouse.get();
    JourneyMap journey = run.config().journeys().get(0);
    Path page =
        Path.of(
            ReportFiles.path(
                run.warehouse().toString(), journey.id(), GeneratorOptions.DEFAULT_END_DATE));
    assertTrue(Files.isRegularFile(page), page + " was not written by cx run");
    String html = Files.readString(page, StandardCharsets.UTF_8);

    // The sections that generated data fills have their charts (metric thresholds may find no
    // tipping point, and then say why).
    for (String id :
        List.of(
            "drivers-satisfaction",
            "drivers-recommend",
            "drivers-churn",
            "quadrant-satisfaction",
            "kpi-0",
            "churn-metrics",
            "churn-roc",
            "churn-lift",
            "churn-calibration",
            "churn-distribution",
            "whatif-churn",
            "rejects")) {
      assertTrue(html.contains("data-chart=\"" + id + "\""), "no chart " + id);
    }
    assertFalse(html.contains("src=\"http"), "the page loads a remote resource");
    assertFalse(html.contains("href=\"http"), "the page links a remote resource");

    List<String> charts = new ArrayList<>();
    Matcher m = CHART.matcher(html);
    while (m.find()) {
      charts.add(m.group(1));
    }
    assertTrue(charts.size() >= 11, "charts: " + charts);

    Chromium browser = Chromium.require(tmp);
    Chromium.Output dom = browser.dumpDom(page, 1366, 900);
    assertEquals(List.of(), dom.consoleLines(), "console output of the page");
    for (String id : charts) {
      String container = containerOf(dom.stdout(), id);
      assertTrue(
          container.contains("<svg") && container.contains("<path"),
          "chart "
              + id
              + " was not rendered: "
              + container.substring(0, Math.min(300, container.length())));
    }
    Path shots = targetDir().resolve("report-screenshots");
    Files.createDirectories(shots);
    Files.copy(
        page, shots.resolve("index.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    browser.screenshot(page, shots.resolve("desktop.png"), 1366, 900);
    browser.screenshot(page, shots.resolve("phone.png"), 390, 844);
  }

  /** The DOM from a chart's container to the JSON block that follows it. */
  private static String containerOf(String dom, String id) {
    int start = dom.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, "no container " + id + " in the DOM");
    int end = dom.indexOf("data-chart=\"" + id + "\"", start);
    return dom.substring(start, end < 0 ? dom.length() : end);
  }

  private static Path targetDir() {
    Path module = Path.of("target");
    return Files.isDirectory(Path.of("src/test")) ? module : Path.of("jobs").resolve(module);
  }
}
