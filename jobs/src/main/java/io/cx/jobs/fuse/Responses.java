package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per survey response, from survey_answers: who answered, when, in which journey and
 * channel, with which weight, and the scores of its touchpoints and questions.
 *
 * <p>A touchpoint's score is the mean of its questions' scores (raw, and on 0..1), over the
 * questions answered; a question's score is its answer. Skipped questions (null score) do not
 * count, so a touchpoint none of whose questions was answered has a null score. When the answers of
 * a response disagree on channel or weight (they should not), the largest is kept.
 */
final class Responses {
  /** Per response: map of score key ({@link #touchpointKey}, {@link #questionKey}) to scores. */
  static final String SCORES = "_scores";

  static final String SCORE = "score";
  static final String SCORE_NORM = "score_norm";

  private Responses() {}

  /** The key of a touchpoint's mean score in {@link #SCORES}. */
  static String touchpointKey(String touchpointId) {
    return "tp:" + touchpointId;
  }

  /** The key of a question's score in {@link #SCORES}. */
  static String questionKey(String questionId) {
    return "q:" + questionId;
  }

  /** The raw score of a touchpoint or question key, null when not answered. */
  static Column score(String key) {
    return col(SCORES).getItem(key).getField(SCORE);
  }

  /** The 0..1 score of a touchpoint or question key, null when not answered. */
  static Column scoreNorm(String key) {
    return col(SCORES).getItem(key).getField(SCORE_NORM);
  }

  /**
   * @param answers survey_answers rows
   * @return response_id, customer_id, submitted_at, journey, channel, weight (null when absent),
   *     {@link #SCORES}; only the responses of the given journeys
   */
  static Dataset<Row> of(Dataset<Row> answers, List<JourneyMap> journeys) {
    Object[] ids = journeys.stream().map(JourneyMap::id).toArray();
    Column keys =
        array(concat(lit("tp:"), col(Cols.TOUCHPOINT)), concat(lit("q:"), col(Cols.QUESTION_ID)));
    Dataset<Row> perKey =
        answers
            .where(col(Cols.JOURNEY).isin(ids))
            .select(
                col(Cols.RESPONSE_ID),
                col(Cols.CUSTOMER_ID),
                col(Cols.SUBMITTED_AT),
                col(Cols.JOURNEY),
                col(Cols.CHANNEL),
                col(Cols.WEIGHT),
                col(Cols.SCORE),
                col(Cols.SCORE_NORM),
                explode(keys).as("_key"))
            .where(col("_key").isNotNull())
            .groupBy(Cols.RESPONSE_ID, "_key")
            .agg(
                min(Cols.CUSTOMER_ID).as(Cols.CUSTOMER_ID),
                min(Cols.SUBMITTED_AT).as(Cols.SUBMITTED_AT),
                max(Cols.JOURNEY).as(Cols.JOURNEY),
                max(Cols.CHANNEL).as(Cols.CHANNEL),
                max(Cols.WEIGHT).as(Cols.WEIGHT),
                avg(Cols.SCORE).as(SCORE),
                avg(Cols.SCORE_NORM).as(SCORE_NORM));
    return perKey
        .groupBy(Cols.RESPONSE_ID)
        .agg(
            min(Cols.CUSTOMER_ID).as(Cols.CUSTOMER_ID),
            min(Cols.SUBMITTED_AT).as(Cols.SUBMITTED_AT),
            max(Cols.JOURNEY).as(Cols.JOURNEY),
            max(Cols.CHANNEL).as(Cols.CHANNEL),
            max(Cols.WEIGHT).as(Cols.WEIGHT),
            map_from_entries(collect_list(struct(col("_key"), struct(col(SCORE), col(SCORE_NORM)))))
                .as(SCORES));
  }
}
