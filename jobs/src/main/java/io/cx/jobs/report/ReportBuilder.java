package io.cx.jobs.report;

import static io.cx.jobs.report.Fields.str;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;

import io.cx.common.contract.Cols;
import io.cx.common.contract.JobNames;
import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The report of one journey and run date from the output tables: selects the rows each section
 * shows (small: the run's driver rows, the riskiest customers, a histogram, the ALL-segment KPI
 * cells), then lets each section turn them into charts, readings and tables. No I/O besides reading
 * the given frames; tests call it on in-memory tables.
 */
public final class ReportBuilder {
  /** The riskiest customers listed. */
  static final int TOP_CUSTOMERS = 20;

  /** The alerting KPI cells listed. */
  static final int MAX_ALERTS = 20;

  /** The jobs whose run_log rows the data-quality section shows, in pipeline order. */
  static final List<String> JOBS =
      List.of(JobNames.INGEST, JobNames.FUSE, JobNames.DRIVERS, JobNames.CHURN, JobNames.KPIS);

  private ReportBuilder() {}

  /**
   * Builds the report.
   *
   * @param tables the output tables (any may be missing)
   * @param journey the journey map
   * @param date the run date
   * @param pseudonymised whether customer ids in the tables are pseudonyms
   */
  public static Report build(
      ReportTables tables, JourneyMap journey, LocalDate date, boolean pseudonymised) {
    Labels labels = new Labels(journey);
    String j = journey.id();
    Column ofRun = col(Cols.JOURNEY).equalTo(j).and(col(Cols.RUN_DATE).equalTo(Date.valueOf(date)));
    List<Row> drivers =
        collect(tables.driverImportance(), ofRun.and(col(Cols.SEGMENT).equalTo(Cols.ALL)));
    List<Row> impact =
        collect(tables.driverImpact(), ofRun.and(col(Cols.SEGMENT).equalTo(Cols.ALL)));
    List<Row> thresholds = collect(tables.metricThresholds(), ofRun);
    List<Row> metrics = collect(tables.modelMetrics(), ofRun);
    Optional<List<Row>> curves =
        tables
            .modelCurves()
            .map(df -> df.where(ofRun.and(col(Cols.SPLIT).equalTo("test"))).collectAsList());
    Optional<Dataset<Row>> scores = tables.churnScores().map(df -> df.where(ofRun));
    List<Row> top =
        scores
            .map(df -> df.orderBy(col(Cols.CHURN_PROBABILITY).desc(), col(Cols.CUSTOMER_ID)))
            .map(df -> df.limit(TOP_CUSTOMERS).collectAsList())
            .orElse(List.of());
    long[] buckets = new long[10];
    scores.ifPresent(
        df ->
            df.groupBy(least(floor(col(Cols.CHURN_PROBABILITY).multiply(10)), lit(9)).as("b"))
                .agg(count("*").as(Cols.N))
                .collectAsList()
                .forEach(r -> buckets[(int) r.getLong(0)] = r.getLong(1)));
    Column kpiScope =
        col(Cols.JOURNEY).equalTo(j).and(col(Cols.PERIOD_START).leq(Date.valueOf(date)));
    List<Row> kpis =
        collect(
            tables.touchpointKpis(),
            kpiScope
                .and(col(Cols.SEGMENT).equalTo(Cols.ALL))
                .and(col(Cols.CHANNEL).equalTo(Cols.ALL))
                .and(col(Cols.METRIC).isin("csat", "nps")));
    Optional<Dataset<Row>> alerting =
        tables.touchpointKpis().map(df -> df.where(kpiScope.and(col(Cols.ALERT))));
    long alertCount = alerting.map(Dataset::count).orElse(0L);
    List<Row> alerts =
        alerting
            .map(
                df ->
                    df.orderBy(col(Cols.PERIOD_START).desc(), col(Cols.Q_VALUE))
                        .limit(MAX_ALERTS)
                        .collectAsList())
            .orElse(List.of());
    // run_log.journey lists the config's journeys, comma-separated; rejects of rows whose journey
    // is unknown have none.
    Column forJourney =
        col(Cols.JOURNEY).isNull().or(array_contains(split(col(Cols.JOURNEY), ","), j));
    Column dateIs = col(Cols.RUN_DATE).equalTo(Date.valueOf(date));
    List<Row> runLog =
        tables
            .runLog()
            .map(
                df ->
                    df.where(dateIs.and(forJourney))
                        .withColumn(
                            "_latest",
                            row_number()
                                .over(
                                    Window.partitionBy(Cols.JOB)
                                        .orderBy(col(Cols.STARTED_AT).desc())))
                        .where(col("_latest").equalTo(1))
                        .collectAsList())
            .orElse(List.of());
    List<Row> rejects =
        tables
            .rejectedRecords()
            .map(
                df ->
                    df.where(dateIs.and(forJourney))
                        .groupBy(Cols.SOURCE, Cols.REASON)
                        .agg(count("*").as(Cols.N))
                        .collectAsList())
            .orElse(List.of());

    List<Report.Section> sections =
        List.of(
            DriverSections.drivers(drivers, labels),
            DriverSections.quadrant(drivers, labels),
            ThresholdSection.of(thresholds, labels),
            KpiSection.of(kpis, alerts, journey.stages(), labels, (int) alertCount),
            ChurnSection.quality(
                metrics, curves, top.isEmpty() ? null : str(top.get(0), Cols.MODEL)),
            ChurnSection.risk(top, buckets, pseudonymised, labels),
            WhatIfSection.of(impact, labels),
            QualitySection.of(runLog, rejects, JOBS));
    long shown =
        sections.stream().filter(s -> s.whyEmpty() == null || !s.charts().isEmpty()).count();
    String summary =
        "Journey "
            + j
            + ", run date "
            + date
            + ": "
            + shown
            + " of "
            + sections.size()
            + " sections have something to show.";
    return new Report(j, date.toString(), summary, sections);
  }

  private static List<Row> collect(Optional<Dataset<Row>> df, Column where) {
    return df.map(d -> d.where(where).collectAsList()).orElse(List.of());
  }
}
