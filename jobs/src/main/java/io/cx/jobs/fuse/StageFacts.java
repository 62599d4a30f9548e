package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Metric;
import io.cx.common.journey.Stage;
import io.cx.common.journey.Touchpoint;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;

/**
 * journey_stage_facts: for each survey response, one row per stage of its journey, with the stage's
 * touchpoint scores (what the customer said) beside the stage's objective metrics (what the
 * customer did and suffered before the survey). Every touchpoint and metric of the stage is listed,
 * in journey order, answered or not, with or without events.
 */
final class StageFacts {
  private StageFacts() {}

  /**
   * @param fused the fused responses of one journey (see {@link Fusion})
   * @return rows of {@link Schemas#JOURNEY_STAGE_FACTS}
   */
  static Dataset<Row> of(Dataset<Row> fused, JourneyMap journey, LocalDate runDate) {
    Column[] stages = journey.stages().stream().map(StageFacts::stage).toArray(Column[]::new);
    Dataset<Row> rows =
        fused
            .where(col(Cols.JOURNEY).equalTo(journey.id()))
            .select(
                col(Cols.RESPONSE_ID),
                col(Cols.CUSTOMER_ID),
                col(Cols.SUBMITTED_AT),
                col(Cols.JOURNEY),
                inline(array(stages)),
                lit(Date.valueOf(runDate)).as(Cols.RUN_DATE));
    return Schemas.conform(rows, Schemas.JOURNEY_STAGE_FACTS);
  }

  private static Column stage(Stage stage) {
    return struct(
        lit(stage.id()).as(Cols.STAGE),
        arrayOf(stage.touchpoints(), StageFacts::touchpoint, Schemas.TOUCHPOINT_ARRAY)
            .as(Cols.TOUCHPOINTS),
        arrayOf(stage.metrics(), StageFacts::metric, Schemas.METRIC_ARRAY).as(Cols.METRICS));
  }

  private static Column touchpoint(Touchpoint tp) {
    String key = Responses.touchpointKey(tp.id());
    return struct(
        lit(tp.id()).as(Cols.TOUCHPOINT),
        Responses.score(key).as(Cols.SCORE),
        Responses.scoreNorm(key).as(Cols.SCORE_NORM));
  }

  private static Column metric(Metric m) {
    return struct(
        lit(m.id()).as(Cols.METRIC),
        lit(m.agg().toString()).as(Cols.AGG),
        ObjectiveMetrics.value(m).as(Cols.VALUE),
        ObjectiveMetrics.nEvents(m).as(Cols.N_EVENTS));
  }

  private static <T> Column arrayOf(List<T> items, Function<T, Column> element, ArrayType type) {
    return array(items.stream().map(element).toArray(Column[]::new)).cast(type);
  }
}
