package io.cx.jobs.report;

import java.util.List;

/**
 * What a report shows, before it becomes HTML: its sections in order. Every text here is plain text
 * from data or from cx; {@link ReportPage} escapes it.
 *
 * @param journey the journey id
 * @param runDate the logical date, ISO-8601
 * @param summary one line under the title
 * @param sections the sections in order
 */
public record Report(String journey, String runDate, String summary, List<Section> sections) {
  public Report {
    sections = List.copyOf(sections);
  }

  /**
   * One section.
   *
   * @param id an HTML id (letters, digits and dashes, set by cx)
   * @param title the heading
   * @param intro what the section reads and shows, one or two sentences
   * @param charts its charts, possibly none
   * @param tables its tables, possibly none
   * @param whyEmpty null, or why the section has nothing to show
   */
  public record Section(
      String id,
      String title,
      String intro,
      List<Chart> charts,
      List<TableView> tables,
      String whyEmpty) {
    public Section {
      charts = List.copyOf(charts);
      tables = List.copyOf(tables);
    }

    /** A section that says why it has nothing to show. */
    static Section empty(String id, String title, String intro, String why) {
      return new Section(id, title, intro, List.of(), List.of(), why);
    }
  }

  /**
   * One chart.
   *
   * @param id the HTML id of its container (set by cx)
   * @param title the chart's title
   * @param reading one line in plain language, computed from the numbers
   * @param option the ECharts option as JSON
   * @param height the container's height in CSS pixels
   */
  public record Chart(String id, String title, String reading, String option, int height) {}

  /**
   * A small table.
   *
   * @param caption what it lists
   * @param headers column headers
   * @param rows cells as text
   * @param textLast whether the last column holds long text (notes, messages), given room to wrap
   */
  public record TableView(
      String caption, List<String> headers, List<List<String>> rows, boolean textLast) {
    public TableView {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /** A table of short values. */
    public TableView(String caption, List<String> headers, List<List<String>> rows) {
      this(caption, headers, rows, false);
    }
  }
}
