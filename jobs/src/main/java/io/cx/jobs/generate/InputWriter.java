package io.cx.jobs.generate;

import io.cx.common.contract.Cols;
import io.cx.jobs.generate.LineMixer.Insert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the four input files of the contract (section 1): surveys in both layouts, events with
 * their duplicate deliveries, and customers; then mixes in the bad rows. Each file draws from its
 * own random stream, so the good rows do not depend on the bad-row share.
 */
final class InputWriter {
  static final String EVENTS_HEADER =
      String.join(
          ",",
          Cols.EVENT_ID,
          Cols.CUSTOMER_ID,
          Cols.EVENT_TIME,
          Cols.EVENT_TYPE,
          Cols.VALUE,
          Cols.CHANNEL);
  static final String CUSTOMERS_HEADER =
      String.join(
          ",", Cols.CUSTOMER_ID, Cols.SEGMENT, Cols.REGION, Cols.SIGNUP_DATE, Cols.ANNUAL_VALUE);

  /**
   * What was written.
   *
   * @param surveyRows good rows of the long layout
   * @param fileRows data lines of each file, by source name
   * @param badRows bad rows of each file by kind, by source name
   * @param duplicateEvents events written twice
   */
  record Written(
      int surveyRows,
      Map<String, Integer> fileRows,
      Map<String, Map<String, Integer>> badRows,
      int duplicateEvents) {}

  private InputWriter() {}

  static Written write(Dataset d, Path dir, Rng rng) {
    Rng surveyRng = rng.split();
    Rng wideRng = rng.split();
    Rng eventRng = rng.split();
    Rng customerRng = rng.split();
    double share = d.options().badRowShare();
    BadLines bad =
        new BadLines(
            d.map(),
            d.frame(),
            d.ids(),
            d.customers().size(),
            d.responses().size(),
            d.events().size(),
            rng.split());
    Map<String, Integer> fileRows = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> badRows = new LinkedHashMap<>();

    SurveyRows rows = new SurveyRows(new ArrayList<>(d.map().questions().keySet()), d.ids());
    List<String> longRows = rows.longRows(d.responses());
    BadRows.Mixed surveys =
        BadRows.mix(longRows, share, BadRowKind.SURVEYS, bad::survey, surveyRng);
    Csv.write(dir.resolve(Generator.SURVEYS_FILE), SurveyRows.LONG_HEADER, surveys.lines());
    record(Generator.SURVEYS, surveys, fileRows, badRows);

    BadRows.Mixed wide =
        BadRows.mix(
            rows.wideRows(d.responses()), share, BadRowKind.SURVEYS_WIDE, bad::wide, wideRng);
    Csv.write(dir.resolve(Generator.SURVEYS_WIDE_FILE), rows.wideHeader(), wide.lines());
    record(Generator.SURVEYS_WIDE, wide, fileRows, badRows);

    List<String> eventRows = eventRows(d);
    int duplicates = (int) Math.round(d.options().duplicateShare() * eventRows.size());
    List<String> withDuplicates = duplicate(eventRows, duplicates, eventRng);
    BadRows.Mixed events =
        BadRows.mix(withDuplicates, share, BadRowKind.EVENTS, bad::event, eventRng);
    Csv.write(dir.resolve(Generator.EVENTS_FILE), EVENTS_HEADER, events.lines());
    record(Generator.EVENTS, events, fileRows, badRows);

    BadRows.Mixed customers =
        BadRows.mix(customerRows(d), share, BadRowKind.CUSTOMERS, bad::customer, customerRng);
    Csv.write(dir.resolve(Generator.CUSTOMERS_FILE), CUSTOMERS_HEADER, customers.lines());
    record(Generator.CUSTOMERS, customers, fileRows, badRows);

    return new Written(longRows.size(), fileRows, badRows, duplicates);
  }

  private static void record(
      String source,
      BadRows.Mixed mixed,
      Map<String, Integer> fileRows,
      Map<String, Map<String, Integer>> badRows) {
    fileRows.put(source, mixed.lines().size());
    badRows.put(source, mixed.counts());
  }

  private static List<String> eventRows(Dataset d) {
    List<String> out = new ArrayList<>(d.events().size());
    for (int i = 0; i < d.events().size(); i++) {
      Event e = d.events().get(i);
      out.add(
          Csv.line(
              d.ids().event(i),
              d.ids().customer(e.customer()),
              TimeFrame.iso(e.time()),
              e.type(),
              Csv.number(e.value()),
              e.channel()));
    }
    return out;
  }

  /** Repeats {@code n} distinct lines, each copy somewhere after its original. */
  private static List<String> duplicate(List<String> lines, int n, Rng rng) {
    boolean[] chosen = new boolean[lines.size()];
    List<Insert> inserts = new ArrayList<>(n);
    while (inserts.size() < n) {
      int i = rng.below(lines.size());
      if (!chosen[i]) {
        chosen[i] = true;
        inserts.add(new Insert(i + 1 + rng.below(lines.size() - i), lines.get(i)));
      }
    }
    return LineMixer.mix(lines, inserts);
  }

  private static List<String> customerRows(Dataset d) {
    List<String> out = new ArrayList<>(d.customers().size());
    for (CustomerProfile c : d.customers()) {
      out.add(
          Csv.line(
              c.id(),
              c.segment(),
              c.region(),
              c.signupDate().toString(),
              Csv.fixed2(c.annualValue())));
    }
    return out;
  }
}
