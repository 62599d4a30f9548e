package io.cx.common.config;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * One input source: where it is, its format and, for surveys, its layout. The path may hold the
 * placeholder {@code {date}}, replaced by the run date (yyyy-MM-dd), so that a nightly run reads
 * that date's export only.
 *
 * @param path local path, glob or URI (file:, s3a:, hdfs:)
 * @param format file format
 * @param layout survey layout (long: one row per answer; wide: one column per question)
 * @param options extra options passed to Spark's reader (e.g. sep, encoding)
 */
public record InputSpec(String path, Format format, Layout layout, Map<String, String> options) {
  public static final String DATE_PLACEHOLDER = "{date}";

  public InputSpec {
    options = Map.copyOf(options);
  }

  /** Supported input formats. */
  public enum Format {
    CSV,
    JSON,
    PARQUET,
    DELTA;

    public String sparkName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name implies, or null. */
    public static Format fromExtension(String path) {
      String p = path.toLowerCase(Locale.ROOT);
      p = p.endsWith(".gz") ? p.substring(0, p.length() - 3) : p;
      if (p.endsWith(".csv") || p.endsWith(".tsv")) {
        return CSV;
      }
      if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
        return JSON;
      }
      if (p.endsWith(".parquet")) {
        return PARQUET;
      }
      return null;
    }
  }

  /** Survey layouts (data contract, section 1.1). */
  public enum Layout {
    LONG,
    WIDE
  }

  /** The path for one run date. */
  public String pathFor(LocalDate runDate) {
    return path.replace(DATE_PLACEHOLDER, runDate.toString());
  }
}
