package io.cx.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.ExitCodes;
import io.cx.common.error.InputRejectedException;
import io.cx.common.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** An input table checked against its contract schema: every problem named, exit code 3. */
class SchemasRequireTest {
  private static final StructType EXPECTED =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("score", DataTypes.DoubleType)
          .add("day", DataTypes.DateType);

  private static Dataset<Row> frame(StructType schema) {
    return SharedSpark.get().createDataFrame(List.<Row>of(), schema);
  }

  @Test
  void aTableWithEveryColumnAndTypePassesExtraColumnsAllowed() {
    Schemas.require(
        frame(EXPECTED.add("extra", DataTypes.IntegerType)), EXPECTED, "t", "/w/t", "fix it");
  }

  @Test
  void everyMissingColumnAndWrongTypeIsNamedAtOnce() {
    StructType bad =
        new StructType().add("id", DataTypes.StringType).add("score", DataTypes.StringType);
    InputRejectedException e =
        assertThrows(
            InputRejectedException.class,
            () -> Schemas.require(frame(bad), EXPECTED, "t", "/w/t", "re-run `cx x`"));
    assertEquals(
        "table t at /w/t does not match the data contract: column score is string, not double,"
            + " no column day; re-run `cx x`",
        e.getMessage());
    assertEquals(ExitCodes.INPUT_REJECTED, e.exitCode());
  }

  @Test
  void aFixedSchemaTableNamesTheJobThatWritesItAsTheFix() {
    StructType bad = new StructType().add(Cols.CUSTOMER_ID, DataTypes.StringType);
    InputRejectedException e =
        assertThrows(
            InputRejectedException.class,
            () -> Schemas.requireTable(frame(bad), Tables.CHURN_LABELS, "/w/churn_labels"));
    assertTrue(
        e.getMessage().startsWith("table churn_labels at /w/churn_labels does not match"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "; it was not written by this version of `cx fuse`; re-run `cx fuse` for its"
                    + " dates"),
        e.getMessage());
    Schemas.requireTable(
        frame(Schemas.CUSTOMERS), Tables.CUSTOMERS, "/w/customers"); // the contract's own passes
  }
}
