package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Shapes rows that failed a check into rejected_records. Cleaners mark such rows with {@link
 * #REASON} (a {@link io.cx.common.contract.RejectReason} code) and {@link #DETAIL} (which column
 * and value failed).
 */
final class Rejects {
  static final String REASON = "_reason";
  static final String DETAIL = "_detail";
  static final String JOB = "ingest";

  private Rejects() {}

  static Dataset<Row> of(
      Dataset<Row> marked, String source, Column journey, String runId, LocalDate runDate) {
    return marked
        .where(col(REASON).isNotNull())
        .select(
            lit(source).as(Cols.SOURCE),
            journey.as(Cols.JOURNEY),
            col(REASON).as(Cols.REASON),
            col(DETAIL).as(Cols.DETAIL),
            col(InputReader.RAW).as(Cols.RAW),
            lit(JOB).as(Cols.JOB),
            lit(runId).as(Cols.RUN_ID),
            lit(Date.valueOf(runDate)).as(Cols.RUN_DATE));
  }

  /** Checks that a frame has the columns of a contract schema, in order, and selects them. */
  static final org.apache.spark.sql.types.StructType SCHEMA = Schemas.REJECTED_RECORDS;
}
