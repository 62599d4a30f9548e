package io.cx.jobs.report;

import org.apache.spark.sql.Row;

/** Null-safe reads of a collected row's fields by column name. */
final class Fields {
  private Fields() {}

  static String str(Row r, String col) {
    Object v = r.getAs(col);
    return v == null ? null : v.toString();
  }

  /** The value, or null when null or NaN. */
  static Double dbl(Row r, String col) {
    Object v = r.getAs(col);
    if (v == null) {
      return null;
    }
    double d = ((Number) v).doubleValue();
    return Double.isNaN(d) ? null : d;
  }

  static long lng(Row r, String col) {
    Object v = r.getAs(col);
    return v == null ? 0L : ((Number) v).longValue();
  }

  static boolean bool(Row r, String col) {
    Object v = r.getAs(col);
    return v != null && (Boolean) v;
  }
}
