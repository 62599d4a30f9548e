package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.lit;

import io.cx.common.error.InputRejectedException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Column checks shared by the cleaners. */
final class Columns {
  private Columns() {}

  /** A source without a required column cannot be ingested at all: exit 3, naming it. */
  static void require(Dataset<Row> df, String source, List<String> required) {
    List<String> have = Arrays.asList(df.columns());
    for (String r : required) {
      if (!have.contains(r)) {
        throw new InputRejectedException(
            source
                + " input has no column '"
                + r
                + "' (columns found: "
                + String.join(", ", have.stream().filter(c -> !c.startsWith("_")).toList())
                + "); the data contract requires "
                + String.join(", ", required));
      }
    }
  }

  /** Adds each missing optional column as nulls, so the cleaners see one shape. */
  static Dataset<Row> withOptional(Dataset<Row> df, List<String> optional) {
    Dataset<Row> out = df;
    for (String o : optional) {
      if (!Arrays.asList(out.columns()).contains(o)) {
        out = out.withColumn(o, lit(null).cast(DataTypes.StringType));
      }
    }
    return out;
  }

  /** Column name to Spark type. */
  static Map<String, DataType> types(Dataset<Row> df) {
    Map<String, DataType> out = new HashMap<>();
    for (StructField f : df.schema().fields()) {
      out.put(f.name(), f.dataType());
    }
    return out;
  }

  /** The columns of a source that the contract does not know (reported once per run). */
  static List<String> extras(Dataset<Row> df, List<String> known) {
    return Arrays.stream(df.columns())
        .filter(c -> !c.startsWith("_") && !known.contains(c))
        .toList();
  }
}
