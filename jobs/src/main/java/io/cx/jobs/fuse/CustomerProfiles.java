package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.cx.common.contract.Cols;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The customers table as known on the run date: customers are delivered again when they change, so
 * each customer's row of the latest run date counts.
 */
final class CustomerProfiles {
  private CustomerProfiles() {}

  /**
   * @param customers customers rows of run dates up to the run date
   * @return customer_id, segment, region, signup_date, annual_value: one row per customer
   */
  static Dataset<Row> latest(Dataset<Row> customers) {
    return customers
        .withColumn(
            "_nth",
            row_number()
                .over(
                    Window.partitionBy(col(Cols.CUSTOMER_ID))
                        .orderBy(col(Cols.RUN_DATE).desc(), col(Cols.RUN_ID).desc())))
        .where(col("_nth").equalTo(1))
        .select(
            col(Cols.CUSTOMER_ID),
            col(Cols.SEGMENT),
            col(Cols.REGION),
            col(Cols.SIGNUP_DATE),
            col(Cols.ANNUAL_VALUE));
  }
}
