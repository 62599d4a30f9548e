package io.cx.jobs.ingest;

import static io.cx.jobs.ingest.Parsing.number;
import static io.cx.jobs.ingest.Parsing.text;
import static io.cx.jobs.ingest.Parsing.timestamp;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.contract.RejectReason;
import io.cx.common.contract.Schemas;
import io.cx.common.privacy.TextMasking;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Types and checks survey answers in the long layout (the wide layout is melted to it first by
 * {@link WideLayout}). Every answer ends either in survey_answers or, with the first reason that
 * applies, in rejected_records. A pure transform: tests call it directly.
 */
final class SurveyCleaner {
  static final List<String> REQUIRED =
      List.of(Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT, Cols.QUESTION_ID);
  static final List<String> OPTIONAL = List.of(Cols.SCORE, Cols.CHANNEL, Cols.COMMENT, Cols.WEIGHT);

  private SurveyCleaner() {}

  /**
   * @param answers long-layout rows as read (see {@link InputReader}), optional columns present
   * @param existingKeys (response_id, question_id) already in survey_answers for other run dates,
   *     or null
   */
  static Cleaned clean(Dataset<Row> answers, Dataset<Row> existingKeys, CleanContext ctx) {
    Columns.require(answers, Source.SURVEYS.id(), REQUIRED);
    Dataset<Row> in = Columns.withOptional(answers, OPTIONAL);
    if (!java.util.Arrays.asList(in.columns()).contains(WideLayout.EMPTY)) {
      in = in.withColumn(WideLayout.EMPTY, lit(false));
    }
    var types = Columns.types(in);
    Dataset<Row> typed =
        in.select(
            text(Cols.RESPONSE_ID).as("_rid"),
            text(Cols.CUSTOMER_ID).as("_cid"),
            text(Cols.SUBMITTED_AT).as("_sat_text"),
            timestamp(Cols.SUBMITTED_AT, types.get(Cols.SUBMITTED_AT), ctx.zone()).as("_sat"),
            lower(text(Cols.QUESTION_ID)).as(QuestionCatalog.Q_KEY),
            text(Cols.SCORE).as("_score_text"),
            number(Cols.SCORE, types.get(Cols.SCORE)).as("_score"),
            text(Cols.CHANNEL).as("_channel"),
            col(Cols.COMMENT).cast(DataTypes.StringType).as("_comment"),
            text(Cols.WEIGHT).as("_weight_text"),
            number(Cols.WEIGHT, types.get(Cols.WEIGHT)).as("_weight"),
            col(InputReader.RAW),
            col(InputReader.MALFORMED),
            col(WideLayout.EMPTY));
    Dataset<Row> catalog = QuestionCatalog.of(answers.sparkSession(), ctx.journeys());
    Dataset<Row> joined =
        typed.join(
            broadcast(catalog),
            col(QuestionCatalog.Q_KEY).equalTo(col(QuestionCatalog.CAT_KEY)),
            "left");
    Dataset<Row> marked = rowChecks(joined, ctx);
    marked = responseChecks(marked);
    marked = duplicateChecks(marked, existingKeys);
    return new Cleaned(
        completeResponses(
            cleanRows(marked, ctx),
            marked.select(col("_rid").as("_have_rid"), col(QuestionCatalog.Q_KEY).as("_have_q")),
            catalog),
        Rejects.of(marked, Source.SURVEYS.id(), col(Cols.JOURNEY), ctx.runId(), ctx.runDate()),
        marked);
  }

  private static Dataset<Row> rowChecks(Dataset<Row> df, CleanContext ctx) {
    Column known = col(QuestionCatalog.CAT_KEY).isNotNull();
    Column min = col(Cols.SCALE_MIN);
    Column max = col(Cols.SCALE_MAX);
    Column score = col("_score");
    Column reason =
        when(col(InputReader.MALFORMED), code(RejectReason.MALFORMED_ROW))
            .when(col(WideLayout.EMPTY), code(RejectReason.EMPTY_RESPONSE))
            .when(
                col("_rid")
                    .isNull()
                    .or(col("_cid").isNull())
                    .or(col("_sat_text").isNull())
                    .or(col(QuestionCatalog.Q_KEY).isNull()),
                code(RejectReason.MISSING_KEY))
            .when(col("_sat").isNull(), code(RejectReason.BAD_TIMESTAMP))
            .when(functions.not(known), code(RejectReason.UNKNOWN_QUESTION))
            .when(col("_score_text").isNotNull().and(score.isNull()), code(RejectReason.BAD_NUMBER))
            .when(
                col("_weight_text")
                    .isNotNull()
                    .and(col("_weight").isNull().or(col("_weight").lt(0))),
                code(RejectReason.BAD_NUMBER))
            .when(score.lt(min).or(score.gt(max)), code(RejectReason.SCORE_OUT_OF_SCALE))
            .when(col("_sat").geq(lit(ctx.endOfRunDate())), code(RejectReason.FUTURE_TIMESTAMP));
    Column detail =
        when(col(InputReader.MALFORMED), lit("the row does not parse"))
            .when(col(WideLayout.EMPTY), lit("no question of any journey is answered in this row"))
            .when(col("_rid").isNull(), lit("response_id is empty"))
            .when(col("_cid").isNull(), lit("customer_id is empty"))
            .when(col("_sat_text").isNull(), lit("submitted_at is empty"))
            .when(col(QuestionCatalog.Q_KEY).isNull(), lit("question_id is empty"))
            .when(
                col("_sat").isNull(),
                concat(lit("submitted_at '"), col("_sat_text"), lit("' is not ISO-8601")))
            .when(
                functions.not(known),
                concat(
                    lit("question_id '"),
                    col(QuestionCatalog.Q_KEY),
                    lit("' is not declared in any journey map")))
            .when(
                col("_score_text").isNotNull().and(score.isNull()),
                concat(lit("score '"), col("_score_text"), lit("' is not a number")))
            .when(
                col("_weight_text")
                    .isNotNull()
                    .and(col("_weight").isNull().or(col("_weight").lt(0))),
                concat(lit("weight '"), col("_weight_text"), lit("' is not a number >= 0")))
            .when(
                score.lt(min).or(score.gt(max)),
                concat(
                    lit("score "),
                    score.cast("string"),
                    lit(" is outside the scale ["),
                    min.cast("string"),
                    lit(", "),
                    max.cast("string"),
                    lit("] of "),
                    col(QuestionCatalog.Q_KEY)))
            .when(
                col("_sat").geq(lit(ctx.endOfRunDate())),
                concat(
                    lit("submitted_at "),
                    col("_sat_text"),
                    lit(" is after the run date " + ctx.runDate())));
    return df.withColumn(Rejects.REASON, reason).withColumn(Rejects.DETAIL, detail);
  }

  /** Rows of one response must agree on who answered and when. */
  private static Dataset<Row> responseChecks(Dataset<Row> df) {
    Column ok = col(Rejects.REASON).isNull();
    WindowSpec byResponse = Window.partitionBy(col("_rid"), ok);
    Column inconsistent =
        ok.and(
            min("_cid")
                .over(byResponse)
                .notEqual(max("_cid").over(byResponse))
                .or(min("_sat").over(byResponse).notEqual(max("_sat").over(byResponse))));
    return df.withColumn(
            Rejects.DETAIL,
            when(
                    inconsistent,
                    lit("the rows of this response_id disagree on customer_id or submitted_at"))
                .otherwise(col(Rejects.DETAIL)))
        .withColumn(
            Rejects.REASON,
            when(inconsistent, code(RejectReason.INCONSISTENT_RESPONSE))
                .otherwise(col(Rejects.REASON)));
  }

  /** The same response and question twice: the first (by raw text) is kept. */
  private static Dataset<Row> duplicateChecks(Dataset<Row> df, Dataset<Row> existingKeys) {
    Column ok = col(Rejects.REASON).isNull();
    WindowSpec byKey =
        Window.partitionBy(col("_rid"), col(QuestionCatalog.Q_KEY), ok)
            .orderBy(col(InputReader.RAW));
    Dataset<Row> out = df.withColumn("_nth", row_number().over(byKey));
    Column dup = ok.and(col("_nth").gt(1));
    if (existingKeys != null) {
      Dataset<Row> keys =
          existingKeys
              .select(col(Cols.RESPONSE_ID).as("_e_rid"), col(Cols.QUESTION_ID).as("_e_q"))
              .distinct();
      out =
          out.join(
              keys,
              col("_rid")
                  .equalTo(col("_e_rid"))
                  .and(col(QuestionCatalog.Q_KEY).equalTo(col("_e_q"))),
              "left");
      dup = dup.or(ok.and(col("_e_rid").isNotNull()));
    }
    return out.withColumn(
            Rejects.DETAIL,
            when(dup, lit("this response_id and question_id were already ingested"))
                .otherwise(col(Rejects.DETAIL)))
        .withColumn(
            Rejects.REASON,
            when(dup, code(RejectReason.DUPLICATE_ANSWER)).otherwise(col(Rejects.REASON)));
  }

  private static Dataset<Row> cleanRows(Dataset<Row> marked, CleanContext ctx) {
    Column min = col(Cols.SCALE_MIN);
    Column max = col(Cols.SCALE_MAX);
    Dataset<Row> clean =
        marked
            .where(col(Rejects.REASON).isNull())
            .select(
                col("_rid").as(Cols.RESPONSE_ID),
                col("_cid").as(Cols.CUSTOMER_ID),
                col("_sat").as(Cols.SUBMITTED_AT),
                col(Cols.JOURNEY).as(Cols.JOURNEY),
                col(QuestionCatalog.Q_KEY).as(Cols.QUESTION_ID),
                col(Cols.QUESTION_KIND).as(Cols.QUESTION_KIND),
                col(Cols.STAGE).as(Cols.STAGE),
                col(Cols.TOUCHPOINT).as(Cols.TOUCHPOINT),
                col("_score").as(Cols.SCORE),
                col("_score").minus(min).divide(max.minus(min)).as(Cols.SCORE_NORM),
                min.as(Cols.SCALE_MIN),
                max.as(Cols.SCALE_MAX),
                col("_channel").as(Cols.CHANNEL),
                TextMasking.mask(col("_comment")).as(Cols.COMMENT),
                col("_weight").as(Cols.WEIGHT),
                lit(ctx.runId()).as(Cols.RUN_ID),
                lit(Date.valueOf(ctx.runDate())).as(Cols.RUN_DATE));
    return Schemas.conform(clean, Schemas.SURVEY_ANSWERS);
  }

  /**
   * Brings every response to one row per question of its journey: a question the response has no
   * input row for (clean or rejected) gets a skipped row (score null). The long layout may or may
   * not export rows for unanswered questions and the wide layout has a cell for each, so this
   * canonical form is what makes both layouts give the same survey_answers.
   */
  static Dataset<Row> completeResponses(
      Dataset<Row> clean, Dataset<Row> inputKeys, Dataset<Row> catalog) {
    Dataset<Row> responses =
        clean
            .groupBy(col(Cols.RESPONSE_ID), col(Cols.JOURNEY))
            .agg(
                max(Cols.CUSTOMER_ID).as(Cols.CUSTOMER_ID),
                max(Cols.SUBMITTED_AT).as(Cols.SUBMITTED_AT),
                max(Cols.CHANNEL).as(Cols.CHANNEL),
                max(Cols.WEIGHT).as(Cols.WEIGHT),
                max(Cols.RUN_ID).as(Cols.RUN_ID),
                max(Cols.RUN_DATE).as(Cols.RUN_DATE));
    Dataset<Row> expected =
        responses
            .join(
                broadcast(catalog.withColumnRenamed(Cols.JOURNEY, "_cat_journey")),
                col(Cols.JOURNEY).equalTo(col("_cat_journey")))
            .withColumn(Cols.QUESTION_ID, col(QuestionCatalog.CAT_KEY));
    Dataset<Row> missing =
        expected.join(
            inputKeys,
            col(Cols.RESPONSE_ID)
                .equalTo(col("_have_rid"))
                .and(col(Cols.QUESTION_ID).equalTo(col("_have_q"))),
            "left_anti");
    Dataset<Row> skipped =
        missing
            .withColumn(Cols.SCORE, lit(null).cast(DataTypes.DoubleType))
            .withColumn(Cols.SCORE_NORM, lit(null).cast(DataTypes.DoubleType))
            .withColumn(Cols.COMMENT, lit(null).cast(DataTypes.StringType));
    return clean.unionByName(Schemas.conform(skipped, Schemas.SURVEY_ANSWERS));
  }

  static Column code(RejectReason r) {
    return lit(r.code());
  }
}
