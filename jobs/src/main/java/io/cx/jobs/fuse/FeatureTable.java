package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Touchpoint;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * journey_features: one wide row per survey response for modelling (see {@link FeatureColumns}).
 */
final class FeatureTable {
  private FeatureTable() {}

  /**
   * @param fused the fused responses (see {@link Fusion})
   * @return the rows of one journey, in the columns of {@link FeatureColumns#schemaOf(JourneyMap)}
   */
  static Dataset<Row> of(Dataset<Row> fused, JourneyMap journey, LocalDate runDate) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(Cols.RESPONSE_ID));
    cols.add(col(Cols.CUSTOMER_ID));
    cols.add(col(Cols.SUBMITTED_AT));
    cols.add(col(Cols.JOURNEY));
    cols.add(col(Cols.CHANNEL));
    cols.add(coalesce(col(Cols.SEGMENT), lit(FeatureColumns.UNKNOWN_SEGMENT)).as(Cols.SEGMENT));
    cols.add(col(Cols.REGION));
    Column localDate =
        to_date(from_utc_timestamp(col(Cols.SUBMITTED_AT), journey.timezone().getId()));
    cols.add(datediff(localDate, col(Cols.SIGNUP_DATE)).as(FeatureColumns.TENURE_DAYS));
    cols.add(col(Cols.ANNUAL_VALUE));
    cols.add(coalesce(col(Cols.WEIGHT), lit(1.0)).as(Cols.WEIGHT));
    cols.add(outcome(journey.outcomes().satisfaction(), true).as(FeatureColumns.SATISFACTION));
    cols.add(outcome(journey.outcomes().recommend(), false).as(FeatureColumns.RECOMMEND));
    cols.add(outcome(journey.outcomes().effort(), true).as(FeatureColumns.EFFORT));
    for (Touchpoint tp : journey.touchpoints()) {
      cols.add(
          Responses.scoreNorm(Responses.touchpointKey(tp.id()))
              .as(FeatureColumns.touchpoint(tp.id())));
    }
    for (Metric m : journey.metrics()) {
      cols.add(ObjectiveMetrics.value(m).as(FeatureColumns.metric(m.id())));
    }
    cols.add(lit(Date.valueOf(runDate)).as(Cols.RUN_DATE));
    Dataset<Row> rows =
        fused.where(col(Cols.JOURNEY).equalTo(journey.id())).select(cols.toArray(Column[]::new));
    return Schemas.conform(rows, FeatureColumns.schemaOf(journey));
  }

  /** An outcome question's score, 0..1 or raw; null when the journey does not declare it. */
  private static Column outcome(String questionId, boolean normalised) {
    if (questionId == null) {
      return lit(null).cast(DataTypes.DoubleType);
    }
    String key = Responses.questionKey(questionId);
    return normalised ? Responses.scoreNorm(key) : Responses.score(key);
  }
}
