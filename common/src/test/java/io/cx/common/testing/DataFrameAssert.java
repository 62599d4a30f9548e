package io.cx.common.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SparkSessionProvider;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * DataFrame comparisons from spark-testing-base, used as plain helpers: its JUnit 4 base classes do
 * not run under Jupiter. A mismatch fails with an AssertionError and shows the differing rows.
 */
public final class DataFrameAssert {
  private static JavaDataFrameSuiteBase helper;

  private DataFrameAssert() {}

  private static synchronized JavaDataFrameSuiteBase helper() {
    if (helper == null) {
      SparkSessionProvider._sparkSession_$eq(SharedSpark.get());
      helper = new JavaDataFrameSuiteBase();
    }
    return helper;
  }

  /** Same schema and the same rows, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    helper().assertDataFrameNoOrderEquals(expected, actual);
  }

  /** Same schema and the same rows in the same order, doubles within {@code tolerance}. */
  public static void assertApproxEquals(
      Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    JavaDataFrameSuiteBase h = helper();
    h.assertDataFrameApproximateEquals(
        expected,
        actual,
        tolerance,
        java.time.Duration.ZERO,
        h.assertDataFrameApproximateEquals$default$5());
  }

  /** Same schema. */
  public static void assertSameSchema(Dataset<Row> expected, Dataset<Row> actual) {
    helper().assertSchemasEqual(expected.schema(), actual.schema());
  }
}
