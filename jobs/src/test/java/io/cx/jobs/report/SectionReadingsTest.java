package io.cx.jobs.report;

import static io.cx.jobs.report.ReportBuilderTest.DATE;
import static io.cx.jobs.report.ReportBuilderTest.section;
import static io.cx.jobs.report.ReportBuilderTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-line readings of the thresholds, KPI, what-if and data-quality sections, from rows whose
 * numbers give the expected words; and the rows a report must not show (other dates, journeys,
 * segments, older attempts).
 */
class SectionReadingsTest {
  private static Map<String, Object> of(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    m.putIfAbsent(Cols.JOURNEY, "shop");
    m.putIfAbsent(Cols.RUN_DATE, DATE);
    m.putIfAbsent(Cols.RUN_ID, "r");
    return m;
  }

  private static Map<String, Object> kpi(String period, double value, double norm, boolean alert) {
    return of(
        Cols.PERIOD_GRAIN,
        "week",
        Cols.PERIOD_START,
        LocalDate.parse(period),
        Cols.STAGE,
        "delivery",
        Cols.TOUCHPOINT,
        "delivery",
        Cols.SEGMENT,
        Cols.ALL,
        Cols.CHANNEL,
        Cols.ALL,
        Cols.METRIC,
        "csat",
        Cols.VALUE,
        value,
        Cols.N,
        120L,
        Cols.MOE,
        0.031,
        Cols.NORM,
        norm,
        Cols.ALERT,
        alert,
        Cols.SUPPRESSED,
        false,
        Cols.NORM_N,
        600L,
        Cols.Q_VALUE,
        alert ? 0.01 : 0.6,
        Cols.COMPLETE,
        true);
  }

  private static Map<String, Object> runLog(String job, String status, long read, String at) {
    return of(
        Cols.RUN_ID,
        job + at,
        Cols.JOB,
        job,
        Cols.JOURNEY,
        "other,shop",
        Cols.STATUS,
        status,
        "exit_code",
        0,
        Cols.STARTED_AT,
        Timestamp.valueOf("2024-07-01 " + at),
        Cols.FINISHED_AT,
        Timestamp.valueOf("2024-07-01 " + at),
        Cols.ROWS_READ,
        read,
        Cols.ROWS_WRITTEN,
        read,
        Cols.ROWS_REJECTED,
        0L);
  }

  private static Map<String, Object> reject(String reason) {
    return of(
        Cols.SOURCE, "surveys",
        Cols.JOURNEY, null,
        Cols.REASON, reason,
        Cols.JOB, "ingest",
        Cols.RUN_ID, "r");
  }

  @Test
  void readingsOfThresholdsKpisWhatIfAndQuality(@TempDir Path dir) {
    Optional<Dataset<Row>> none = Optional.empty();
    var thresholds =
        table(
            Schemas.METRIC_THRESHOLDS,
            List.of(
                of(
                    Cols.STAGE,
                    "delivery",
                    Cols.METRIC,
                    "delay_hours",
                    Cols.TOUCHPOINT,
                    "delivery",
                    Cols.THRESHOLD,
                    24.0,
                    Cols.SCORE_BELOW,
                    0.81,
                    Cols.SCORE_ABOVE,
                    0.52,
                    Cols.N_BELOW,
                    400L,
                    Cols.N_ABOVE,
                    90L,
                    Cols.STATUS,
                    "found",
                    Cols.THRESHOLD_LO,
                    20.0,
                    Cols.THRESHOLD_HI,
                    30.0,
                    Cols.Q_STEP,
                    0.001,
                    Cols.N,
                    490L,
                    Cols.N_AVAILABLE,
                    490L),
                of(
                    Cols.STAGE, "purchase",
                    Cols.METRIC, "payment_errors",
                    Cols.TOUCHPOINT, "checkout",
                    Cols.STATUS, "not_significant",
                    Cols.NOTE, "best split at payment_errors <= 1",
                    Cols.N, 490L,
                    Cols.N_AVAILABLE, 490L)));
    var kpis =
        table(
            Schemas.TOUCHPOINT_KPIS,
            List.of(
                kpi("2024-06-17", 0.80, 0.79, false),
                kpi("2024-06-24", 0.70, 0.79, true),
                // A later period than the run date: not shown.
                kpi("2024-07-01", 0.99, 0.79, false)));
    var impact =
        table(
            Schemas.DRIVER_IMPACT,
            List.of(
                of(
                    Cols.TARGET,
                    "churn",
                    Cols.SEGMENT,
                    Cols.ALL,
                    Cols.DRIVER,
                    "delivery",
                    Cols.SCENARIO,
                    "plus_10pct_top2box",
                    Cols.DELTA,
                    -0.0123,
                    Cols.DELTA_LOW,
                    -0.02,
                    Cols.DELTA_HIGH,
                    -0.005,
                    Cols.REVENUE_AT_RISK_DELTA,
                    -2500.0,
                    Cols.N,
                    300L,
                    Cols.MOVED,
                    30.0),
                // Another segment: not shown.
                of(
                    Cols.TARGET, "churn",
                    Cols.SEGMENT, "gold",
                    Cols.DRIVER, "checkout",
                    Cols.SCENARIO, "plus_10pct_top2box",
                    Cols.DELTA, -0.5,
                    Cols.N, 60L,
                    Cols.MOVED, 6.0)));
    var log =
        table(
            Schemas.RUN_LOG,
            List.of(
                runLog("ingest", "failed", 0L, "02:00:00"),
                runLog("ingest", "succeeded", 10_000L, "03:00:00"),
                runLog("fuse", "succeeded", 9_950L, "03:10:00")));
    var rejects =
        table(
            Schemas.REJECTED_RECORDS,
            List.of(
                reject("bad_timestamp"),
                reject("bad_timestamp"),
                reject("score_out_of_scale"),
                // Another date: not counted.
                of(
                    Cols.SOURCE, "surveys",
                    Cols.REASON, "missing_key",
                    Cols.JOB, "ingest",
                    Cols.RUN_ID, "r",
                    Cols.RUN_DATE, DATE.minusDays(1))));
    ReportTables t =
        new ReportTables(none, thresholds, impact, none, none, none, kpis, log, rejects);
    Report r = ReportBuilder.build(t, ReportBuilderTest.journey(dir, "Delivery"), DATE, false);

    Report.Section th = section(r, "thresholds");
    assertEquals(
        "Delivery scores 0.81 when delay_hours is at most 24 and 0.52 above it (a drop of 0.29;"
            + " n 400 and 90).",
        th.charts().get(0).reading());
    assertEquals(
        List.of(
            "payment_errors", "checkout", "not_significant", "best split at payment_errors <= 1"),
        th.tables().get(0).rows().get(0));
    assertTrue(th.charts().get(0).option().contains("max of delivery_completed values"));

    Report.Section k = section(r, "kpis");
    assertEquals(1, k.charts().size(), "one touchpoint cell with values");
    assertEquals(
        "Delivery CSAT was 0.70 ± 0.03 in the week of 2024-06-24 (n 120), below its norm of 0.79:"
            + " alert.",
        k.charts().get(0).reading());
    assertEquals(
        "Alerts, most recent periods first (1 of 1 alerting cells)", k.tables().get(0).caption());

    Report.Section w = section(r, "whatif");
    assertEquals(1, w.charts().size());
    assertEquals(
        "Improving Delivery (plus_10pct_top2box) lowers churn by 1.23 percentage points (95 %"
            + " interval -2.00 to -0.50); revenue at risk falls by 2,500: the largest change of"
            + " this outcome.",
        w.charts().get(0).reading());

    Report.Section q = section(r, "quality");
    assertEquals(
        "Ingest read 10,000 rows and rejected 3 (< 0.1 %); most for bad_timestamp in surveys (2).",
        q.charts().get(0).reading());
    List<List<String>> jobs = q.tables().get(0).rows();
    assertEquals(List.of("ingest", "succeeded", "10,000", "10,000", "0", ""), jobs.get(0));
    assertEquals("not run", jobs.get(2).get(1));
    assertEquals("Not run for this date: drivers, churn, kpis.", q.whyEmpty());
    assertNull(section(r, "thresholds").whyEmpty());
  }
}
