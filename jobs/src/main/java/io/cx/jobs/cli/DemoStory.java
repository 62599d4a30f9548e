package io.cx.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Tables;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Touchpoint;
import io.cx.common.spark.TableIO;
import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.analytics.stats.Quadrant;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import io.cx.jobs.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@code cx demo} tells after the pipeline, per journey, from the tables it wrote: the top
 * drivers of satisfaction with their intervals and what to do about them, the churn model's test
 * AUC, the revenue at risk and its most frequent reasons, the KPI alerts, and the HTML report's
 * path when the report job wrote one.
 */
final class DemoStory {
  static final int TOP_DRIVERS = 3;
  static final int LATEST_ALERTS = 3;
  static final int TOP_REASONS = 3;

  private final TableIO tables;
  private final String warehouse;
  private final LocalDate date;

  DemoStory(TableIO tables, String warehouse, LocalDate date) {
    this.tables = tables;
    this.warehouse = warehouse;
    this.date = date;
  }

  void tell(List<JourneyMap> journeys, PrintWriter w) {
    for (JourneyMap journey : journeys) {
      w.println();
      w.printf("What the demo found for journey %s (%s):%n", journey.id(), date);
      drivers(journey, w);
      churnModel(journey.id(), w);
      revenueAtRisk(journey.id(), w);
      alerts(journey.id(), w);
      report(journey.id(), w);
    }
    w.flush();
  }

  private Dataset<Row> ofRun(String table, String journey) {
    return tables
        .readWritten(table)
        .where(col(Cols.JOURNEY).equalTo(journey).and(col(Cols.RUN_DATE).equalTo(day())));
  }

  private Column day() {
    return lit(Date.valueOf(date));
  }

  private void drivers(JourneyMap journey, PrintWriter w) {
    Dataset<Row> rows =
        ofRun(Tables.DRIVER_IMPORTANCE, journey.id())
            .where(
                col(Cols.TARGET)
                    .equalTo(FeatureColumns.SATISFACTION)
                    .and(col(Cols.SEGMENT).equalTo(Cols.ALL))
                    .and(col(Cols.METHOD).equalTo(DriverOptions.LMG))
                    .and(col(Cols.STATUS).equalTo(ImportanceRow.ESTIMATED))
                    .and(col(Cols.SHARE).isNotNull()))
            .orderBy(desc(Cols.SHARE), col(Cols.DRIVER));
    List<Row> top = rows.limit(TOP_DRIVERS).collectAsList();
    if (top.isEmpty()) {
      w.println("  Drivers of satisfaction: not estimated; see driver_importance.status and note.");
      return;
    }
    w.printf(
        Locale.ROOT,
        "  Top drivers of satisfaction (LMG: share of the %.0f %% of its variance the touchpoints"
            + " explain, 95 %% interval):%n",
        100 * top.get(0).<Double>getAs(Cols.R_SQUARED));
    List<String> labels = top.stream().map(r -> label(journey, r.getAs(Cols.DRIVER))).toList();
    int width = labels.stream().mapToInt(String::length).max().orElse(0);
    int rank = 1;
    for (Row r : top) {
      w.printf(
          Locale.ROOT,
          "    %d. %-" + width + "s %3.0f %% (%s), performance %.2f: %s%n",
          rank,
          labels.get(rank++ - 1),
          100 * r.<Double>getAs(Cols.SHARE),
          interval(r),
          r.<Double>getAs(Cols.PERFORMANCE),
          reading(r.getAs(Cols.QUADRANT)));
    }
  }

  private static String label(JourneyMap journey, String driver) {
    return journey.touchpoints().stream()
        .filter(t -> t.id().equals(driver) && t.name() != null)
        .map(Touchpoint::name)
        .findFirst()
        .map(name -> driver + " (" + name + ")")
        .orElse(driver);
  }

  private static String interval(Row r) {
    Double low = r.getAs(Cols.CI_LOW);
    Double high = r.getAs(Cols.CI_HIGH);
    return low == null || high == null
        ? "no interval"
        : String.format(Locale.ROOT, "%.0f-%.0f %%", 100 * low, 100 * high);
  }

  /** The importance-performance quadrant in plain words. */
  static String reading(String quadrant) {
    if (quadrant == null) {
      return "no quadrant";
    }
    return switch (Quadrant.valueOf(quadrant.toUpperCase(Locale.ROOT))) {
      case CONCENTRATE_HERE -> "important and below average, fix first";
      case KEEP_UP -> "important and above average, keep it up";
      case LOW_PRIORITY -> "less important and below average, low priority";
      case POSSIBLE_OVERKILL -> "less important and above average, possible overkill";
    };
  }

  private void churnModel(String journey, PrintWriter w) {
    List<Row> scoring =
        ofRun(Tables.CHURN_SCORES, journey).select(Cols.MODEL).distinct().collectAsList();
    if (scoring.isEmpty()) {
      List<Row> none =
          ofRun(Tables.DRIVER_IMPORTANCE, journey)
              .where(col(Cols.TARGET).equalTo(ChurnImportanceRows.TARGET))
              .where(col(Cols.DRIVER).isNull())
              .select(Cols.STATUS, Cols.NOTE)
              .limit(1)
              .collectAsList();
      w.println(
          "  Churn model: none"
              + (none.isEmpty()
                  ? ""
                  : " (" + none.get(0).getString(0) + ": " + none.get(0).getString(1) + ")"));
      return;
    }
    String model = scoring.get(0).getString(0);
    List<Row> auc =
        ofRun(Tables.MODEL_METRICS, journey)
            .where(
                col(Cols.MODEL)
                    .equalTo(model)
                    .and(col(Cols.SPLIT).equalTo(ModelMetrics.TEST))
                    .and(col(Cols.METRIC).equalTo("auc")))
            .select(Cols.VALUE, Cols.N)
            .collectAsList();
    w.printf(
        Locale.ROOT,
        "  Churn model: %s scores the customers; test AUC %s on %,d held-out responses (0.5 is"
            + " chance, 1 perfect)%n",
        model,
        auc.isEmpty() || auc.get(0).isNullAt(0)
            ? "unknown"
            : String.format(Locale.ROOT, "%.3f", auc.get(0).getDouble(0)),
        auc.isEmpty() ? 0L : auc.get(0).getLong(1));
  }

  private void revenueAtRisk(String journey, PrintWriter w) {
    Dataset<Row> scores = ofRun(Tables.CHURN_SCORES, journey);
    Row total = scores.agg(count(lit(1)), sum(Cols.REVENUE_AT_RISK)).first();
    if (total.getLong(0) == 0) {
      return;
    }
    w.printf(
        Locale.ROOT,
        "  Revenue at risk: %,.0f across %,d customers at risk (churn probability x annual value,"
            + " over each one's open churn horizon)%n",
        total.isNullAt(1) ? 0.0 : total.getDouble(1),
        total.getLong(0));
    List<Row> reasons =
        scores
            .select(element_at(col(Cols.TOP_REASONS), 1).as(Cols.DRIVER))
            .where(col(Cols.DRIVER).isNotNull())
            .groupBy(Cols.DRIVER)
            .agg(count(lit(1)).as(Cols.N))
            .orderBy(desc(Cols.N), col(Cols.DRIVER))
            .limit(TOP_REASONS)
            .collectAsList();
    if (!reasons.isEmpty()) {
      w.println(
          "    most frequent first reason: "
              + String.join(
                  ", ",
                  reasons.stream()
                      .map(
                          r ->
                              String.format(
                                  Locale.ROOT, "%s (%,d customers)", r.getString(0), r.getLong(1)))
                      .toList()));
    }
  }

  private void alerts(String journey, PrintWriter w) {
    Dataset<Row> alerts =
        tables
            .readWritten(Tables.TOUCHPOINT_KPIS)
            .where(col(Cols.JOURNEY).equalTo(journey).and(col(Cols.ALERT)));
    long n = alerts.count();
    if (n == 0) {
      w.println("  KPI alerts: none (no cell significantly below its norm)");
      return;
    }
    w.printf(
        Locale.ROOT, "  KPI alerts: %,d cells significantly below their norm; the latest:%n", n);
    // A stage or ALL roll-up of one touchpoint repeats that touchpoint's numbers: told once, as
    // the touchpoint's.
    Set<String> told = new HashSet<>();
    for (Row r :
        alerts
            .orderBy(
                desc(Cols.PERIOD_START),
                col(Cols.Q_VALUE),
                col(Cols.TOUCHPOINT).equalTo(Cols.ALL),
                col(Cols.STAGE).equalTo(Cols.ALL),
                col(Cols.PERIOD_GRAIN),
                col(Cols.METRIC))
            .limit(LATEST_ALERTS * 10)
            .collectAsList()) {
      String numbers =
          String.join(
              " ",
              r.<String>getAs(Cols.PERIOD_GRAIN),
              String.valueOf(r.<Date>getAs(Cols.PERIOD_START)),
              r.<String>getAs(Cols.SEGMENT),
              r.<String>getAs(Cols.CHANNEL),
              r.<String>getAs(Cols.METRIC),
              String.valueOf(r.<Double>getAs(Cols.VALUE)),
              String.valueOf(r.<Long>getAs(Cols.N)));
      if (told.size() == LATEST_ALERTS) {
        break;
      }
      if (!told.add(numbers)) {
        continue;
      }
      w.printf(
          Locale.ROOT,
          "    %s %s, %s/%s, segment %s, channel %s: %s %.2f against a norm of %.2f (n %d)%n",
          r.<String>getAs(Cols.PERIOD_GRAIN),
          r.<Date>getAs(Cols.PERIOD_START),
          r.<String>getAs(Cols.STAGE),
          r.<String>getAs(Cols.TOUCHPOINT),
          r.<String>getAs(Cols.SEGMENT),
          r.<String>getAs(Cols.CHANNEL),
          r.<String>getAs(Cols.METRIC),
          r.<Double>getAs(Cols.VALUE),
          r.<Double>getAs(Cols.NORM),
          r.<Long>getAs(Cols.N));
    }
  }

  private void report(String journey, PrintWriter w) {
    Path report = new Path(ReportFiles.path(warehouse, journey, date));
    try {
      if (report
          .getFileSystem(tables.spark().sparkContext().hadoopConfiguration())
          .exists(report)) {
        w.println("  Report: " + report + " (open it in a browser)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
