package io.cx.common.journey;

import java.util.Locale;

/**
 * How an objective metric aggregates a customer's events in the look-back window: {@code count},
 * {@code exists}, or {@code sum}/{@code avg}/{@code min}/{@code max}/{@code pNN} of the event
 * {@code value} (NN from 1 to 99; {@code p50} is the median).
 *
 * @param kind the aggregation
 * @param percentile for {@link Kind#PERCENTILE}, the fraction 0.01..0.99; otherwise 0
 */
public record Agg(Kind kind, double percentile) {
  public enum Kind {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX,
    PERCENTILE,
    EXISTS
  }

  /** Parses an agg name; returns null when it is not one. */
  public static Agg parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.matches("p[1-9][0-9]?")) {
      return new Agg(Kind.PERCENTILE, Integer.parseInt(s.substring(1)) / 100.0);
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.PERCENTILE && k.name().toLowerCase(Locale.ROOT).equals(s)) {
        return new Agg(k, 0);
      }
    }
    return null;
  }

  /** Whether the metric reads the event {@code value} (all but count and exists). */
  public boolean usesValue() {
    return kind != Kind.COUNT && kind != Kind.EXISTS;
  }

  /** Whether a window with no events gives 0 (count, exists) rather than null. */
  public boolean zeroWhenEmpty() {
    return !usesValue();
  }

  @Override
  public String toString() {
    return kind == Kind.PERCENTILE
        ? "p" + Math.round(percentile * 100)
        : kind.name().toLowerCase(Locale.ROOT);
  }
}
