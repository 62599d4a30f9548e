package io.cx.jobs.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV as the contract reads it: a header, UTF-8, {@code \n} line ends, {@code ,} separators, a
 * field quoted with {@code "} only when it holds a separator, quote or line break, numbers with
 * {@code .} and no exponent.
 */
final class Csv {
  private Csv() {}

  static String line(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(fields[i]));
    }
    return sb.toString();
  }

  /**
   * A malformed line: like {@link #line} but field {@code rawIndex} is written as it is, unquoted,
   * so that a comma in it splits it into two fields.
   */
  static String lineWithRaw(String[] fields, int rawIndex, String raw) {
    String[] copy = fields.clone();
    copy[rawIndex] = "\u0000";
    return line(copy).replace("\u0000", raw);
  }

  static String quote(String field) {
    if (field == null) {
      return "";
    }
    boolean needs =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\n') >= 0
            || field.indexOf('\r') >= 0;
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  /** A number in its shortest plain form ({@code 0}, {@code 12.5}); NaN gives an empty field. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A number with exactly two decimals, e.g. money. */
  static String fixed2(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static void write(Path file, String header, List<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(header);
        w.write('\n');
        for (String l : lines) {
          w.write(l);
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
