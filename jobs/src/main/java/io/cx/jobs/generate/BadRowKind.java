package io.cx.jobs.generate;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of deliberately bad rows, one defect per row, each a reason the ingest job must reject
 * the row for. The {@link #code()} is the key in truth.json's {@code bad_rows}.
 */
enum BadRowKind {
  /** An empty id: response_id or customer_id (surveys), event_id or customer_id, customer_id. */
  MISSING_KEY,
  /** A timestamp (or signup date) that no ISO-8601 parser accepts, e.g. 2024-02-30T10:00:00Z. */
  BAD_TIMESTAMP,
  /** A question_id the journey map does not declare (long layout only). */
  UNKNOWN_QUESTION,
  /** A whole-number score outside the question's scale, e.g. 6 on [1, 5] or 11 on [0, 10]. */
  SCORE_OUT_OF_SCALE,
  /** A score, event value or annual value that is not a number, e.g. "five" or "4,5". */
  NON_NUMERIC,
  /** One field too many: a value with an unquoted comma. */
  MALFORMED_ROW;

  static final List<BadRowKind> SURVEYS = List.of(values());
  static final List<BadRowKind> SURVEYS_WIDE =
      List.of(MISSING_KEY, BAD_TIMESTAMP, SCORE_OUT_OF_SCALE, NON_NUMERIC, MALFORMED_ROW);
  static final List<BadRowKind> EVENTS =
      List.of(MISSING_KEY, BAD_TIMESTAMP, NON_NUMERIC, MALFORMED_ROW);
  static final List<BadRowKind> CUSTOMERS = EVENTS;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
