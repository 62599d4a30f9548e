package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.InputSpec;
import io.cx.common.error.InputRejectedException;
import io.cx.common.privacy.Pseudonymiser;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one input source as it is: column names lower-cased and trimmed (they are matched
 * case-insensitively), values untyped where the format is text. {@link #prepare} then adds {@link
 * #RAW}, the row as text for rejected_records, and {@link #MALFORMED}, true when the file's row
 * could not be parsed.
 */
final class InputReader {
  static final String RAW = "_raw";
  static final String MALFORMED = "_malformed";
  private static final String CORRUPT = "_corrupt_record";
  private static final String CORRUPT_TEXT = "_corrupt_text";

  private InputReader() {}

  /** The source for a run date, or empty when its path matches nothing. */
  static Optional<Dataset<Row>> read(
      SparkSession spark, String source, InputSpec spec, LocalDate runDate) {
    String path = spec.pathFor(runDate);
    if (!exists(spark, spec, path)) {
      return Optional.empty();
    }
    Dataset<Row> df;
    switch (spec.format()) {
      case CSV -> df = readCsv(spark, spec, path);
      case JSON -> df = reader(spark, spec).option("columnNameOfCorruptRecord", CORRUPT).json(path);
      case PARQUET -> df = reader(spark, spec).parquet(path);
      case DELTA -> df = spark.read().format("delta").options(spec.options()).load(path);
      default -> throw new IllegalStateException(spec.format().toString());
    }
    return Optional.of(normalise(df, source));
  }

  private static DataFrameReader reader(SparkSession spark, InputSpec spec) {
    return spark.read().options(spec.options());
  }

  /**
   * CSV with a header, every column as text, and rows with the wrong number of fields or broken
   * quoting marked malformed (Spark's PERMISSIVE mode with a corrupt-record column).
   */
  private static Dataset<Row> readCsv(SparkSession spark, InputSpec spec, String path) {
    StructType header =
        reader(spark, spec)
            .option("header", "true")
            .option("inferSchema", "false")
            .csv(path)
            .schema();
    StructType schema = new StructType();
    for (StructField f : header.fields()) {
      schema = schema.add(f.name(), DataTypes.StringType);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType);
    return reader(spark, spec)
        .schema(schema)
        .option("header", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .csv(path);
  }

  private static Dataset<Row> normalise(Dataset<Row> df, String source) {
    Set<String> seen = new HashSet<>();
    List<Column> renamed = new ArrayList<>();
    for (String c : df.columns()) {
      if (c.equals(CORRUPT)) {
        continue;
      }
      String lower = c.trim().toLowerCase(Locale.ROOT);
      if (!seen.add(lower)) {
        throw new InputRejectedException(
            source
                + " input has two columns named '"
                + lower
                + "' (names are matched case-insensitively); rename one");
      }
      renamed.add(col("`" + c + "`").as(lower));
    }
    boolean hasCorrupt = Arrays.asList(df.columns()).contains(CORRUPT);
    renamed.add(
        hasCorrupt
            ? col(CORRUPT).as(CORRUPT_TEXT)
            : lit(null).cast(DataTypes.StringType).as(CORRUPT_TEXT));
    // Spark refuses queries on raw CSV/JSON that only read the corrupt-record column; this
    // projection always reads the data columns too.
    return df.select(renamed.toArray(Column[]::new));
  }

  /**
   * Adds {@link #RAW} and {@link #MALFORMED}, after pseudonymising customer_id when the config asks
   * for it, so the raw text in rejected_records never holds a raw id. A malformed row's text cannot
   * be parsed to find the id in it, so with pseudonymisation on it is withheld.
   */
  static Dataset<Row> prepare(Dataset<Row> df, String customerIdColumn, String pseudonymKey) {
    Dataset<Row> out = df;
    boolean hasId = Arrays.asList(df.columns()).contains(customerIdColumn);
    if (pseudonymKey != null && hasId) {
      out =
          out.withColumn(
              customerIdColumn,
              Pseudonymiser.pseudonymise(Parsing.text(customerIdColumn), pseudonymKey));
    }
    Column[] data =
        Arrays.stream(out.columns())
            .filter(c -> !c.equals(CORRUPT_TEXT))
            .map(c -> col("`" + c + "`"))
            .toArray(Column[]::new);
    Column corruptText =
        pseudonymKey == null
            ? col(CORRUPT_TEXT)
            : lit("(withheld: privacy.pseudonymise_ids is on)");
    return out.withColumn(
            RAW, when(col(CORRUPT_TEXT).isNotNull(), corruptText).otherwise(to_json(struct(data))))
        .withColumn(MALFORMED, col(CORRUPT_TEXT).isNotNull())
        .drop(CORRUPT_TEXT);
  }

  private static boolean exists(SparkSession spark, InputSpec spec, String path) {
    if (spec.format() == InputSpec.Format.DELTA) {
      return DeltaTable.isDeltaTable(spark, path);
    }
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null) {
        return false;
      }
      for (FileStatus m : matches) {
        if (m.isFile() && m.getLen() > 0) {
          return true;
        }
        if (m.isDirectory() && fs.listStatus(m.getPath()).length > 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
