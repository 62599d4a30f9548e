package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * Typing of input columns as Spark expressions (no UDFs): a value that does not parse gives null,
 * and the caller turns "present but null after parsing" into a reject reason. It relies on the
 * session settings that SparkSessions enforces: ANSI mode off (a failed cast gives null) and the
 * UTC session time zone (so zone-less timestamps are shifted from the config's zone explicitly).
 */
final class Parsing {
  /**
   * ISO-8601 date, optionally with a time (T or space), fractional seconds and a zone: Z, +hh,
   * +hh:mm, +hhmm, UTC or GMT. Spark alone would also take words such as 'yesterday'.
   */
  static final String ISO_TIMESTAMP =
      "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?|UTC|GMT)?$";

  static final String HAS_ZONE = "(Z|[+-]\\d{2}(:?\\d{2})?|UTC|GMT)$";
  static final String ISO_DATE = "^\\d{4}-\\d{2}-\\d{2}$";

  private Parsing() {}

  /** A column as trimmed text, null when empty. */
  static Column text(String name) {
    Column t = trim(col(name).cast(DataTypes.StringType));
    return when(t.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(t);
  }

  /** Whether a value is present (not null, not blank). */
  static Column present(String name) {
    return text(name).isNotNull();
  }

  /** A timestamp column from text or from an already typed column. */
  static Column timestamp(String name, DataType type, ZoneId zone) {
    if (type instanceof org.apache.spark.sql.types.TimestampType) {
      return col(name);
    }
    if (type instanceof org.apache.spark.sql.types.TimestampNTZType) {
      return to_utc_timestamp(col(name).cast(DataTypes.TimestampType), zone.getId());
    }
    if (type instanceof org.apache.spark.sql.types.DateType) {
      return to_utc_timestamp(col(name).cast(DataTypes.TimestampType), zone.getId());
    }
    Column t = text(name);
    Column parsed = t.cast(DataTypes.TimestampType);
    Column valid = t.rlike(ISO_TIMESTAMP);
    Column instant =
        when(t.rlike(HAS_ZONE), parsed).otherwise(to_utc_timestamp(parsed, zone.getId()));
    return when(valid, instant);
  }

  /** A date column from text (yyyy-MM-dd) or an already typed date/timestamp column. */
  static Column date(String name, DataType type) {
    if (type instanceof org.apache.spark.sql.types.DateType) {
      return col(name);
    }
    if (type instanceof org.apache.spark.sql.types.TimestampType) {
      return col(name).cast(DataTypes.DateType);
    }
    Column t = text(name);
    return when(t.rlike(ISO_DATE), t.cast(DataTypes.DateType));
  }

  /** A finite double from text or a numeric column; NaN and infinities give null. */
  static Column number(String name, DataType type) {
    Column v =
        type instanceof NumericType
            ? col(name).cast(DataTypes.DoubleType)
            : text(name).cast(DataTypes.DoubleType);
    return when(
        v.isNotNull()
            .and(v.notEqual(lit(Double.NaN)))
            .and(v.notEqual(lit(Double.POSITIVE_INFINITY)))
            .and(v.notEqual(lit(Double.NEGATIVE_INFINITY))),
        v);
  }
}
