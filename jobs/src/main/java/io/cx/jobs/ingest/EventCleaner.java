package io.cx.jobs.ingest;

import static io.cx.jobs.ingest.Parsing.number;
import static io.cx.jobs.ingest.Parsing.text;
import static io.cx.jobs.ingest.Parsing.timestamp;
import static io.cx.jobs.ingest.SurveyCleaner.code;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.contract.RejectReason;
import io.cx.common.contract.Schemas;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Types and checks behavioural events. A repeated event_id is a duplicate delivery: the first copy
 * (by event time, then raw text) is kept, the others go to rejected_records as {@code
 * duplicate_event}, as do ids already ingested on another run date. Event types are lower-cased.
 */
final class EventCleaner {
  static final List<String> REQUIRED =
      List.of(Cols.EVENT_ID, Cols.CUSTOMER_ID, Cols.EVENT_TIME, Cols.EVENT_TYPE);
  static final List<String> OPTIONAL = List.of(Cols.VALUE, Cols.CHANNEL);

  private EventCleaner() {}

  /**
   * @param events rows as prepared by {@link InputReader}
   * @param existingIds event_id of behavior_events on other run dates, or null
   */
  static Cleaned clean(Dataset<Row> events, Dataset<Row> existingIds, CleanContext ctx) {
    Columns.require(events, Source.EVENTS.id(), REQUIRED);
    Dataset<Row> in = Columns.withOptional(events, OPTIONAL);
    var types = Columns.types(in);
    Dataset<Row> typed =
        in.select(
            text(Cols.EVENT_ID).as("_eid"),
            text(Cols.CUSTOMER_ID).as("_cid"),
            text(Cols.EVENT_TIME).as("_time_text"),
            timestamp(Cols.EVENT_TIME, types.get(Cols.EVENT_TIME), ctx.zone()).as("_time"),
            lower(text(Cols.EVENT_TYPE)).as("_type"),
            text(Cols.VALUE).as("_value_text"),
            number(Cols.VALUE, types.get(Cols.VALUE)).as("_value"),
            text(Cols.CHANNEL).as("_channel"),
            col(InputReader.RAW),
            col(InputReader.MALFORMED));
    Column badValue = col("_value_text").isNotNull().and(col("_value").isNull());
    Column future = col("_time").geq(lit(ctx.endOfRunDate()));
    Column reason =
        when(col(InputReader.MALFORMED), code(RejectReason.MALFORMED_ROW))
            .when(
                col("_eid")
                    .isNull()
                    .or(col("_cid").isNull())
                    .or(col("_time_text").isNull())
                    .or(col("_type").isNull()),
                code(RejectReason.MISSING_KEY))
            .when(col("_time").isNull(), code(RejectReason.BAD_TIMESTAMP))
            .when(badValue, code(RejectReason.BAD_NUMBER))
            .when(future, code(RejectReason.FUTURE_TIMESTAMP));
    Column detail =
        when(col(InputReader.MALFORMED), lit("the row does not parse"))
            .when(col("_eid").isNull(), lit("event_id is empty"))
            .when(col("_cid").isNull(), lit("customer_id is empty"))
            .when(col("_time_text").isNull(), lit("event_time is empty"))
            .when(col("_type").isNull(), lit("event_type is empty"))
            .when(
                col("_time").isNull(),
                concat(lit("event_time '"), col("_time_text"), lit("' is not ISO-8601")))
            .when(badValue, concat(lit("value '"), col("_value_text"), lit("' is not a number")))
            .when(
                future,
                concat(
                    lit("event_time "),
                    col("_time_text"),
                    lit(" is after the run date " + ctx.runDate())));
    Dataset<Row> marked =
        typed.withColumn(Rejects.REASON, reason).withColumn(Rejects.DETAIL, detail);
    marked = duplicates(marked, existingIds);
    Dataset<Row> clean =
        marked
            .where(col(Rejects.REASON).isNull())
            .select(
                col("_eid").as(Cols.EVENT_ID),
                col("_cid").as(Cols.CUSTOMER_ID),
                col("_time").as(Cols.EVENT_TIME),
                col("_type").as(Cols.EVENT_TYPE),
                col("_value").as(Cols.VALUE),
                col("_channel").as(Cols.CHANNEL),
                lit(ctx.runId()).as(Cols.RUN_ID),
                lit(Date.valueOf(ctx.runDate())).as(Cols.RUN_DATE));
    return new Cleaned(
        Schemas.conform(clean, Schemas.BEHAVIOR_EVENTS),
        Rejects.of(
            marked,
            Source.EVENTS.id(),
            lit(null).cast(DataTypes.StringType),
            ctx.runId(),
            ctx.runDate()),
        marked);
  }

  /**
   * Marks every clean copy of an event_id after the first (by event time, then raw text), and every
   * id already ingested on another run date, as a duplicate.
   */
  static Dataset<Row> duplicates(Dataset<Row> marked, Dataset<Row> existingIds) {
    Column ok = col(Rejects.REASON).isNull();
    Dataset<Row> out =
        marked.withColumn(
            "_nth",
            row_number()
                .over(
                    Window.partitionBy(col("_eid"), ok)
                        .orderBy(col("_time"), col(InputReader.RAW))));
    Column dup = ok.and(col("_nth").gt(1));
    Column earlier = lit(false);
    if (existingIds != null) {
      Dataset<Row> ids = existingIds.select(col(Cols.EVENT_ID).as("_e_eid")).distinct();
      out = out.join(ids, col("_eid").equalTo(col("_e_eid")), "left");
      earlier = ok.and(col("_e_eid").isNotNull());
    }
    return out.withColumn(
            Rejects.DETAIL,
            when(dup, lit("event_id repeated in this batch: a duplicate delivery"))
                .when(earlier, lit("event_id already ingested on another run date"))
                .otherwise(col(Rejects.DETAIL)))
        .withColumn(
            Rejects.REASON,
            when(dup.or(earlier), code(RejectReason.DUPLICATE_EVENT))
                .otherwise(col(Rejects.REASON)));
  }
}
