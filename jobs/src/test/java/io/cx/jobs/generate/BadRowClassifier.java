package io.cx.jobs.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tests' own reading of a row: the one reason an ingest job would reject it, or null for a good
 * row. Written from the data contract, independently of the generator's bad-row code.
 */
final class BadRowClassifier {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** Question id to {min, max}, as in the journey map. */
  private static final Map<String, double[]> SCALES =
      Map.of(
          "q_search", new double[] {1, 5},
          "q_checkout", new double[] {1, 5},
          "q_delivery", new double[] {1, 5},
          "q_support", new double[] {1, 5},
          "q_overall", new double[] {1, 5},
          "q_nps", new double[] {0, 10},
          "q_effort", new double[] {1, 7});

  private BadRowClassifier() {}

  static String surveyLong(List<String> f) {
    if (f.size() != 7) {
      return "malformed_row";
    }
    if (f.get(0).isEmpty() || f.get(1).isEmpty()) {
      return "missing_key";
    }
    if (!instant(f.get(2))) {
      return "bad_timestamp";
    }
    if (!SCALES.containsKey(f.get(3))) {
      return "unknown_question";
    }
    return score(f.get(3), f.get(4));
  }

  static String surveyWide(List<String> header, List<String> f) {
    if (f.size() != header.size()) {
      return "malformed_row";
    }
    if (f.get(0).isEmpty() || f.get(1).isEmpty()) {
      return "missing_key";
    }
    if (!instant(f.get(2))) {
      return "bad_timestamp";
    }
    for (int i = 4; i < f.size(); i++) {
      String reason = score(header.get(i), f.get(i));
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  static String event(List<String> f) {
    if (f.size() != 6) {
      return "malformed_row";
    }
    if (f.get(0).isEmpty() || f.get(1).isEmpty()) {
      return "missing_key";
    }
    if (!instant(f.get(2))) {
      return "bad_timestamp";
    }
    return f.get(4).isEmpty() || NUMBER.matcher(f.get(4)).matches() ? null : "non_numeric";
  }

  static String customer(List<String> f) {
    if (f.size() != 5) {
      return "malformed_row";
    }
    if (f.get(0).isEmpty()) {
      return "missing_key";
    }
    try {
      LocalDate.parse(f.get(3));
    } catch (DateTimeParseException e) {
      return "bad_timestamp";
    }
    return NUMBER.matcher(f.get(4)).matches() ? null : "non_numeric";
  }

  private static String score(String question, String score) {
    if (score.isEmpty()) {
      return null;
    }
    if (!NUMBER.matcher(score).matches()) {
      return "non_numeric";
    }
    double v = Double.parseDouble(score);
    double[] scale = SCALES.get(question);
    return v < scale[0] || v > scale[1] ? "score_out_of_scale" : null;
  }

  private static boolean instant(String text) {
    try {
      Instant.parse(text);
      return text.endsWith("Z");
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
