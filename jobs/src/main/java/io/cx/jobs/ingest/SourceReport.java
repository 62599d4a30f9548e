package io.cx.jobs.ingest;

import io.cx.common.contract.RejectReason;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts of one source: rows read, rejected by reason, and the share that counts against the
 * quality gate.
 *
 * @param source surveys, events or customers
 * @param read rows read (for the wide survey layout: answers, after melting)
 * @param rejectedByReason reject code to count
 */
record SourceReport(String source, long read, Map<String, Long> rejectedByReason) {

  /**
   * The counts of a cleaner's marked rows (one per row read, with its reject reason or null), in
   * one aggregation: rows read are the sum over every reason, clean rows included.
   */
  static SourceReport of(String source, Dataset<Row> marked) {
    long read = 0;
    Map<String, Long> byReason = new TreeMap<>();
    for (Row r : marked.groupBy(Rejects.REASON).count().collectAsList()) {
      read += r.getLong(1);
      if (!r.isNullAt(0)) {
        byReason.put(r.getString(0), r.getLong(1));
      }
    }
    return new SourceReport(source, read, byReason);
  }

  long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  long clean() {
    return read - rejected();
  }

  /** Rejects that count against the gate: duplicates and empty responses do not. */
  long gateRejected() {
    return rejectedByReason.entrySet().stream()
        .filter(
            e ->
                RejectReason.valueOf(e.getKey().toUpperCase(Locale.ROOT))
                    .countsAgainstQualityGate())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  double gateRate() {
    return read == 0 ? 0 : (double) gateRejected() / read;
  }

  String summary() {
    String reasons =
        rejectedByReason.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return source
        + ": "
        + read
        + " read, "
        + clean()
        + " clean, "
        + rejected()
        + " rejected"
        + (reasons.isEmpty() ? "" : " (" + reasons + ")")
        + ".";
  }
}
