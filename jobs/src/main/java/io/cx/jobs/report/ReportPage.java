package io.cx.jobs.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A {@link Report} as one self-contained HTML page: the Mustache template {@value #TEMPLATE}
 * (escaping every {@code {{value}}}, so ids, names and notes from data cannot inject markup), each
 * chart's option in a JSON script block, and Apache ECharts inlined once from its webjar. Opening
 * the page needs no network.
 */
public final class ReportPage {
  static final String TEMPLATE = "io/cx/jobs/report/report.mustache";

  /** ECharts' minified bundle inside the org.webjars.npm:echarts jar. */
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private static final Mustache PAGE = new DefaultMustacheFactory().compile(TEMPLATE);
  private static volatile String echarts;

  private ReportPage() {}

  /** The page's HTML. */
  public static String render(Report report) {
    StringWriter out = new StringWriter();
    PAGE.execute(
        out,
        List.of(report, Map.of("echarts", echarts(), "sectionCount", report.sections().size())));
    return out.toString();
  }

  /** ECharts' script, read from the classpath once. */
  static String echarts() {
    String s = echarts;
    if (s == null) {
      try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(ECHARTS)) {
        if (in == null) {
          throw new IllegalStateException(
              ECHARTS + " is not on the classpath: the org.webjars.npm:echarts jar is missing");
        }
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // The bundle cannot end the script block early.
      if (s.contains("</script")) {
        s = s.replace("</script", "<\\/script");
      }
      echarts = s;
    }
    return s;
  }
}
