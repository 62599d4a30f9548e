package io.cx.jobs.ingest;

import static io.cx.jobs.ingest.Parsing.date;
import static io.cx.jobs.ingest.Parsing.number;
import static io.cx.jobs.ingest.Parsing.text;
import static io.cx.jobs.ingest.SurveyCleaner.code;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
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
 * Types and checks customer attributes. A customer listed twice in one batch keeps its first row
 * (by raw text) and the others are rejected as {@code duplicate_customer}; a customer that comes
 * again on a later run date is an update, and later jobs use the newest row.
 */
final class CustomerCleaner {
  static final List<String> REQUIRED = List.of(Cols.CUSTOMER_ID);
  static final List<String> OPTIONAL =
      List.of(Cols.SEGMENT, Cols.REGION, Cols.SIGNUP_DATE, Cols.ANNUAL_VALUE);

  private CustomerCleaner() {}

  static Cleaned clean(Dataset<Row> customers, CleanContext ctx) {
    Columns.require(customers, Source.CUSTOMERS.id(), REQUIRED);
    Dataset<Row> in = Columns.withOptional(customers, OPTIONAL);
    var types = Columns.types(in);
    Dataset<Row> typed =
        in.select(
            text(Cols.CUSTOMER_ID).as("_cid"),
            text(Cols.SEGMENT).as("_segment"),
            text(Cols.REGION).as("_region"),
            text(Cols.SIGNUP_DATE).as("_signup_text"),
            date(Cols.SIGNUP_DATE, types.get(Cols.SIGNUP_DATE)).as("_signup"),
            text(Cols.ANNUAL_VALUE).as("_value_text"),
            number(Cols.ANNUAL_VALUE, types.get(Cols.ANNUAL_VALUE)).as("_value"),
            col(InputReader.RAW),
            col(InputReader.MALFORMED));
    Column badDate = col("_signup_text").isNotNull().and(col("_signup").isNull());
    Column badValue =
        col("_value_text").isNotNull().and(col("_value").isNull().or(col("_value").lt(0)));
    Column reason =
        when(col(InputReader.MALFORMED), code(RejectReason.MALFORMED_ROW))
            .when(col("_cid").isNull(), code(RejectReason.MISSING_KEY))
            .when(badDate, code(RejectReason.BAD_DATE))
            .when(badValue, code(RejectReason.BAD_NUMBER));
    Column detail =
        when(col(InputReader.MALFORMED), lit("the row does not parse"))
            .when(col("_cid").isNull(), lit("customer_id is empty"))
            .when(
                badDate,
                concat(lit("signup_date '"), col("_signup_text"), lit("' is not yyyy-MM-dd")))
            .when(
                badValue,
                concat(lit("annual_value '"), col("_value_text"), lit("' is not a number >= 0")));
    Dataset<Row> marked =
        typed.withColumn(Rejects.REASON, reason).withColumn(Rejects.DETAIL, detail);
    Column ok = col(Rejects.REASON).isNull();
    marked =
        marked.withColumn(
            "_nth",
            row_number().over(Window.partitionBy(col("_cid"), ok).orderBy(col(InputReader.RAW))));
    Column dup = ok.and(col("_nth").gt(1));
    marked =
        marked
            .withColumn(
                Rejects.DETAIL,
                when(dup, lit("customer_id listed twice in this batch"))
                    .otherwise(col(Rejects.DETAIL)))
            .withColumn(
                Rejects.REASON,
                when(dup, code(RejectReason.DUPLICATE_CUSTOMER)).otherwise(col(Rejects.REASON)));
    Dataset<Row> clean =
        marked
            .where(col(Rejects.REASON).isNull())
            .select(
                col("_cid").as(Cols.CUSTOMER_ID),
                col("_segment").as(Cols.SEGMENT),
                col("_region").as(Cols.REGION),
                col("_signup").as(Cols.SIGNUP_DATE),
                col("_value").as(Cols.ANNUAL_VALUE),
                lit(ctx.runId()).as(Cols.RUN_ID),
                lit(Date.valueOf(ctx.runDate())).as(Cols.RUN_DATE));
    return new Cleaned(
        Schemas.conform(clean, Schemas.CUSTOMERS),
        Rejects.of(
            marked,
            Source.CUSTOMERS.id(),
            lit(null).cast(DataTypes.StringType),
            ctx.runId(),
            ctx.runDate()),
        marked);
  }
}
