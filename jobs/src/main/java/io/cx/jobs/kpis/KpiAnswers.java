package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The answers a run uses, and each answer turned into the rows of the cells it feeds. Pure
 * transforms of DataFrames.
 */
final class KpiAnswers {
  /** The answer's day on the journey's local calendar. */
  static final String DAY = "_day";

  /** The per-answer score whose weighted mean is the metric (see {@link KpiMetric}). */
  static final String Y = "_y";

  /** The answer's survey weight; 1 when the survey has none. */
  static final String W = "_w";

  /** The segment of customers without one, and the channel of answers without one. */
  static final String UNKNOWN = "unknown";

  private KpiAnswers() {}

  /**
   * The survey_answers rows a run for D reads: of the config's journeys, ingested on or before D,
   * with a score, answered on a local day the plan needs ({@link PeriodPlan#isRead}), up to D (in
   * the journey's time zone, so nothing after the end of D). Adds {@link #DAY}.
   */
  static Dataset<Row> inWindow(
      Dataset<Row> surveyAnswers, List<JourneyMap> journeys, PeriodPlan plan) {
    List<String> ids = journeys.stream().map(JourneyMap::id).toList();
    Column day = localDay(journeys);
    Dataset<Row> in =
        surveyAnswers
            .where(col(Cols.JOURNEY).isin(ids.toArray()))
            .where(col(Cols.RUN_DATE).leq(lit(Date.valueOf(plan.runDate()))))
            .where(col(Cols.SCORE).isNotNull())
            .withColumn(DAY, day)
            .where(col(DAY).leq(lit(Date.valueOf(plan.runDate()))));
    return in.where(plan.isRead(col(DAY)));
  }

  /** The local day of an answer's submitted_at in its journey's time zone. */
  static Column localDay(List<JourneyMap> journeys) {
    Column zone = null;
    for (JourneyMap j : journeys) {
      Column z = lit(j.timezone().getId());
      zone =
          zone == null
              ? when(col(Cols.JOURNEY).equalTo(j.id()), z)
              : zone.when(col(Cols.JOURNEY).equalTo(j.id()), z);
    }
    return to_date(from_utc_timestamp(col(Cols.SUBMITTED_AT), zone));
  }

  /**
   * Each customer's segment as of D: the newest customers row ingested on or before D. Columns
   * customer_id, segment.
   */
  static Dataset<Row> segmentsAsOf(Dataset<Row> customers, LocalDate runDate) {
    return customers
        .where(col(Cols.RUN_DATE).leq(lit(Date.valueOf(runDate))))
        .withColumn(
            "_newest",
            row_number().over(Window.partitionBy(Cols.CUSTOMER_ID).orderBy(desc(Cols.RUN_DATE))))
        .where(col("_newest").equalTo(1))
        .select(col(Cols.CUSTOMER_ID), col(Cols.SEGMENT));
  }

  /**
   * One row per answer and cell it feeds: journey, {@link #DAY}, metric, stage, touchpoint,
   * segment, channel, {@link #Y}, {@link #W}. A null segment (or no customers row) and a null
   * channel become {@value #UNKNOWN}.
   *
   * @param answers from {@link #inWindow}
   * @param segments from {@link #segmentsAsOf}, or null when there is no customers table
   * @param feeds {@link KpiFeeds#table}
   */
  static Dataset<Row> toCells(Dataset<Row> answers, Dataset<Row> segments, Dataset<Row> feeds) {
    Dataset<Row> a =
        answers.select(
            col(Cols.JOURNEY),
            col(Cols.CUSTOMER_ID),
            col(Cols.QUESTION_ID),
            col(DAY),
            col(Cols.SCORE),
            col(Cols.SCORE_NORM),
            col(Cols.SCALE_MAX),
            col(Cols.CHANNEL),
            col(Cols.WEIGHT));
    Column segment;
    if (segments == null) {
      segment = lit(UNKNOWN);
    } else {
      a =
          a.join(
              segments.select(col(Cols.CUSTOMER_ID).as("_seg_customer"), col(Cols.SEGMENT)),
              col(Cols.CUSTOMER_ID).equalTo(col("_seg_customer")),
              "left");
      segment = coalesce(col(Cols.SEGMENT), lit(UNKNOWN));
    }
    Dataset<Row> fed =
        a.join(
            broadcast(feeds),
            col(Cols.JOURNEY)
                .equalTo(col(KpiFeeds.FEED_JOURNEY))
                .and(col(Cols.QUESTION_ID).equalTo(col(KpiFeeds.FEED_QUESTION))));
    return fed.select(
        col(Cols.JOURNEY),
        col(DAY),
        col(Cols.METRIC),
        col(Cols.STAGE),
        col(Cols.TOUCHPOINT),
        segment.as(Cols.SEGMENT),
        coalesce(col(Cols.CHANNEL), lit(UNKNOWN)).as(Cols.CHANNEL),
        y().as(Y),
        coalesce(col(Cols.WEIGHT), lit(1.0)).as(W));
  }

  /** The per-answer score of each metric; see {@link KpiMetric}. */
  private static Column y() {
    Column m = col(Cols.METRIC);
    Column score = col(Cols.SCORE);
    return when(m.equalTo(KpiMetric.CSAT.id()), col(Cols.SCORE_NORM))
        .when(
            m.equalTo(KpiMetric.TOP2BOX.id()),
            when(score.geq(col(Cols.SCALE_MAX).minus(1)), 1.0).otherwise(0.0))
        .when(
            m.equalTo(KpiMetric.NPS.id()),
            when(score.geq(9), 100.0).when(score.leq(6), -100.0).otherwise(0.0))
        .when(m.equalTo(KpiMetric.CES.id()), score);
  }
}
