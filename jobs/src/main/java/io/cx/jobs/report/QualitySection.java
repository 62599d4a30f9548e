package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.lng;
import static io.cx.jobs.report.Fields.str;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.contract.Cols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * Data quality of the run date: each job's latest attempt (run_log: status, rows read, written,
 * rejected, its message), the jobs that did not run, and the rejected input rows by source and
 * reason (rejected_records).
 */
final class QualitySection {
  /** Long run_log messages are cut to this many characters in the table. */
  static final int MESSAGE_CHARS = 400;

  private QualitySection() {}

  /**
   * @param runLog the latest attempt of each job for the date and journey
   * @param rejects rows (source, reason, n) of rejected_records for the date
   * @param jobs the jobs of the pipeline before the report, in order
   */
  static Report.Section of(List<Row> runLog, List<Row> rejects, List<String> jobs) {
    String title = "Data quality";
    String intro =
        "What each job of this date read, wrote and rejected (its latest attempt in run_log), and"
            + " why input rows were rejected (rejected_records).";
    List<List<String>> cells = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
    for (String job : jobs) {
      Row r = runLog.stream().filter(x -> job.equals(str(x, Cols.JOB))).findFirst().orElse(null);
      if (r == null) {
        notRun.add(job);
        cells.add(List.of(job, "not run", "", "", "", "no run_log row for this date"));
        continue;
      }
      String msg = str(r, Cols.ERROR) != null ? str(r, Cols.ERROR) : str(r, Cols.MESSAGE);
      msg = msg == null ? "" : msg;
      if (msg.length() > MESSAGE_CHARS) {
        msg = msg.substring(0, MESSAGE_CHARS) + " …";
      }
      cells.add(
          List.of(
              job,
              str(r, Cols.STATUS),
              String.format(Locale.ROOT, "%,d", lng(r, Cols.ROWS_READ)),
              String.format(Locale.ROOT, "%,d", lng(r, Cols.ROWS_WRITTEN)),
              String.format(Locale.ROOT, "%,d", lng(r, Cols.ROWS_REJECTED)),
              msg));
    }
    List<Report.TableView> tables =
        List.of(
            new Report.TableView(
                "Jobs of this date",
                List.of("job", "status", "rows read", "rows written", "rows rejected", "message"),
                cells,
                true));
    List<Report.Chart> charts = new ArrayList<>();
    List<Row> sorted =
        rejects.stream().sorted(Comparator.comparingLong((Row r) -> -lng(r, Cols.N))).toList();
    long rejected = sorted.stream().mapToLong(r -> lng(r, Cols.N)).sum();
    String readText = readText(runLog, rejected);
    if (!sorted.isEmpty()) {
      List<String> cats = new ArrayList<>();
      List<Double> counts = new ArrayList<>();
      for (Row r : sorted) {
        cats.add(str(r, Cols.SOURCE) + " · " + str(r, Cols.REASON));
        counts.add((double) lng(r, Cols.N));
      }
      ObjectNode o = Charts.base(false);
      o.set("xAxis", Charts.valueAxis("rejected rows (count)"));
      ObjectNode y = Charts.categoryAxis(null, cats);
      y.put("inverse", true);
      o.set("yAxis", y);
      ObjectNode s = o.putArray("series").addObject();
      s.put("type", "bar").put("name", "rejected rows").put("barMaxWidth", 18);
      s.putObject("label").put("show", true).put("position", "right");
      s.set("data", Charts.numbers(counts));
      Row top = sorted.get(0);
      String reading =
          readText
              + String.format(
                  Locale.ROOT,
                  "; most for %s in %s (%,d).",
                  str(top, Cols.REASON),
                  str(top, Cols.SOURCE),
                  lng(top, Cols.N));
      charts.add(
          new Report.Chart(
              "rejects",
              "Rejected input rows by reason",
              reading,
              Charts.json(o),
              Math.max(160, 50 + 30 * cats.size())));
    }
    String note =
        (sorted.isEmpty() ? readText + ": no input row was rejected on this date." : "")
            + (notRun.isEmpty()
                ? ""
                : " Not run for this date: " + String.join(", ", notRun) + ".");
    return new Report.Section(
        "quality", title, intro, charts, tables, note.isBlank() ? null : note.trim());
  }

  private static String readText(List<Row> runLog, long rejected) {
    long read =
        runLog.stream()
            .filter(r -> io.cx.common.contract.JobNames.INGEST.equals(str(r, Cols.JOB)))
            .mapToLong(r -> lng(r, Cols.ROWS_READ))
            .sum();
    if (read == 0) {
      return String.format(Locale.ROOT, "%,d input rows rejected", rejected);
    }
    double pct = 100.0 * rejected / read;
    String share = pct > 0 && pct < 0.1 ? "< 0.1 %" : String.format(Locale.ROOT, "%.1f %%", pct);
    return String.format(
        Locale.ROOT, "Ingest read %,d rows and rejected %,d (%s)", read, rejected, share);
  }
}
