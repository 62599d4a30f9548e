package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Each response's customer as known on the day of the survey. Customers are delivered again when
 * they change, so a response takes the newest customers row ingested on or before the survey's date
 * (in the journey's time zone): an attribute changed later (a segment downgraded on cancellation,
 * say) must not reach the features of an earlier response, or it would leak the churn outcome into
 * the model. A customer first ingested after the survey (a first load of history) has no such row;
 * its earliest row, the nearest to the survey, is taken instead.
 */
final class CustomerProfiles {
  private static final String SURVEY_DATE = "_survey_date";

  private CustomerProfiles() {}

  /**
   * @param responses response_id, customer_id, submitted_at, journey
   * @param customers customers rows of run dates up to the run date
   * @return response_id, segment, region, signup_date, annual_value: one row per response whose
   *     customer has a customers row
   */
  static Dataset<Row> asOfSurvey(
      Dataset<Row> responses, Dataset<Row> customers, List<JourneyMap> journeys) {
    Dataset<Row> pairs =
        responses
            .select(
                col(Cols.RESPONSE_ID),
                col(Cols.CUSTOMER_ID),
                JourneyColumns.localDate(col(Cols.SUBMITTED_AT), journeys).as(SURVEY_DATE))
            .join(customers, Cols.CUSTOMER_ID);
    Column before = col(Cols.RUN_DATE).leq(col(SURVEY_DATE));
    Column day = datediff(col(Cols.RUN_DATE), lit(Date.valueOf("1970-01-01")));
    return pairs
        .withColumn(
            "_nth",
            row_number()
                .over(
                    Window.partitionBy(col(Cols.RESPONSE_ID))
                        .orderBy(
                            when(before, lit(0)).otherwise(lit(1)),
                            when(before, negate(day)).otherwise(day),
                            col(Cols.RUN_ID).desc())))
        .where(col("_nth").equalTo(1))
        .select(
            col(Cols.RESPONSE_ID),
            col(Cols.SEGMENT),
            col(Cols.REGION),
            col(Cols.SIGNUP_DATE),
            col(Cols.ANNUAL_VALUE));
  }
}
