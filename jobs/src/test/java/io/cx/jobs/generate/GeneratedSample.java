package io.cx.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The default-size data set (2000 customers, seed 42), generated once per test JVM and shared by
 * the test classes that measure it, with the tests' own index of its rows. Deleted at exit.
 */
final class GeneratedSample {
  /**
   * One event as read back from events.csv.
   *
   * @param time epoch second
   * @param type event_type
   * @param value the value, or NaN when empty
   */
  record Ev(long time, String type, double value) {}

  private static GeneratedSample instance;

  final Path dir;
  final GeneratedData data;
  final Truth truth;
  final CsvTable surveys;
  final CsvTable wide;
  final CsvTable events;
  final CsvTable customers;
  final CsvTable probabilities;

  /** Distinct events (first delivery of each event_id) by customer_id, sorted by time. */
  final Map<String, List<Ev>> eventsByCustomer = new HashMap<>();

  private GeneratedSample(Path dir) {
    this.dir = dir;
    this.data = Generator.generate(GeneratorOptions.defaults(dir));
    this.truth = Truth.read(data.truth());
    this.surveys = CsvTable.read(data.surveys());
    this.wide = CsvTable.read(data.surveysWide());
    this.events = CsvTable.read(data.events());
    this.customers = CsvTable.read(data.customers());
    this.probabilities = CsvTable.read(data.churnProbabilities());
    Set<String> seen = new HashSet<>();
    for (List<String> r : events.rows()) {
      if (seen.add(r.get(0))) {
        String v = r.get(4);
        eventsByCustomer
            .computeIfAbsent(r.get(1), k -> new ArrayList<>())
            .add(
                new Ev(
                    epoch(r.get(2)), r.get(3), v.isEmpty() ? Double.NaN : Double.parseDouble(v)));
      }
    }
    eventsByCustomer.values().forEach(l -> l.sort(Comparator.comparingLong(Ev::time)));
  }

  static synchronized GeneratedSample get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("cx-generate-sample-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        instance = new GeneratedSample(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** Epoch second of {@code yyyy-MM-ddTHH:mm:ssZ}; anything else fails. */
  static long epoch(String iso) {
    if (iso.length() != 20 || iso.charAt(10) != 'T' || iso.charAt(19) != 'Z') {
      return Instant.parse(iso).getEpochSecond();
    }
    LocalDate day = LocalDate.parse(iso.substring(0, 10));
    LocalTime time = LocalTime.parse(iso.substring(11, 19));
    return day.toEpochDay() * 86_400L + time.toSecondOfDay();
  }

  /** The customer's events of one type in {@code [from, to)}. */
  List<Ev> window(String customer, String type, long from, long to) {
    List<Ev> out = new ArrayList<>();
    for (Ev e : eventsByCustomer.getOrDefault(customer, List.of())) {
      if (e.time() >= from && e.time() < to && e.type().equals(type)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The look-back window of a survey: {@code [submitted_at - 30 days, submitted_at)}. */
  List<Ev> lookback(String customer, String type, long submittedAt) {
    return window(customer, type, submittedAt - 30 * 86_400L, submittedAt);
  }

  /** Start of the day after the end date: nothing happens at or after it. */
  long endExclusive() {
    return epoch(truth.generation().endDate() + "T00:00:00Z") + 86_400L;
  }

  /** The cell of a wide row as a number, or null when empty. */
  Double score(List<String> wideRow, String question) {
    String v = wideRow.get(wide.col(question));
    return v.isEmpty() ? null : Double.valueOf(v);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
