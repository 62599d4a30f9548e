package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.jobs.testing.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated files parse, have the contract's columns and agree with each other. */
class GeneratorFilesTest {
  private static final Pattern ISO_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final List<String> QUESTIONS =
      List.of(
          "q_search", "q_checkout", "q_delivery", "q_support", "q_overall", "q_nps", "q_effort");

  private final GeneratedSample s = GeneratedSample.get();

  @Test
  void everyFileHasTheContractsColumns() {
    assertEquals(
        List.of(
            Cols.RESPONSE_ID,
            Cols.CUSTOMER_ID,
            Cols.SUBMITTED_AT,
            Cols.QUESTION_ID,
            Cols.SCORE,
            Cols.CHANNEL,
            Cols.COMMENT),
        s.surveys.header());
    List<String> wide =
        new java.util.ArrayList<>(
            List.of(Cols.RESPONSE_ID, Cols.CUSTOMER_ID, Cols.SUBMITTED_AT, Cols.CHANNEL));
    wide.addAll(QUESTIONS);
    assertEquals(wide, s.wide.header());
    assertEquals(
        List.of(
            Cols.EVENT_ID,
            Cols.CUSTOMER_ID,
            Cols.EVENT_TIME,
            Cols.EVENT_TYPE,
            Cols.VALUE,
            Cols.CHANNEL),
        s.events.header());
    assertEquals(
        List.of(Cols.CUSTOMER_ID, Cols.SEGMENT, Cols.REGION, Cols.SIGNUP_DATE, Cols.ANNUAL_VALUE),
        s.customers.header());
    assertEquals(
        List.of(
            "response_id",
            "customer_id",
            "churn_probability",
            "observed",
            "churned",
            "churn_kind",
            "churn_at"),
        s.probabilities.header());
    for (CsvTable t : List.of(s.surveys, s.wide, s.events, s.customers, s.probabilities)) {
      for (List<String> row : t.rows()) {
        assertEquals(t.header().size(), row.size(), () -> "row " + row);
      }
    }
  }

  @Test
  void timestampsAreIsoUtcAndNumbersUseADot() {
    for (List<String> r : s.surveys.rows()) {
      assertTrue(ISO_UTC.matcher(r.get(2)).matches(), r.get(2));
      assertTrue(r.get(4).isEmpty() || NUMBER.matcher(r.get(4)).matches(), r.get(4));
    }
    for (List<String> r : s.events.rows()) {
      assertTrue(ISO_UTC.matcher(r.get(2)).matches(), r.get(2));
      assertTrue(r.get(4).isEmpty() || NUMBER.matcher(r.get(4)).matches(), r.get(4));
    }
    for (List<String> r : s.wide.rows()) {
      Instant.parse(r.get(2));
    }
    for (List<String> r : s.customers.rows()) {
      LocalDate.parse(r.get(3));
      assertTrue(r.get(4).matches("\\d+\\.\\d{2}"), r.get(4));
    }
  }

  @Test
  void longAndWideLayoutsCarryTheSameAnswers() {
    Map<String, String> fromLong = new TreeMap<>();
    Map<String, String> metaLong = new HashMap<>();
    for (List<String> r : s.surveys.rows()) {
      if (!r.get(4).isEmpty()) {
        fromLong.put(r.get(0) + "/" + r.get(3), r.get(4));
      }
      String meta = r.get(1) + "|" + r.get(2) + "|" + r.get(5);
      String before = metaLong.putIfAbsent(r.get(0), meta);
      assertTrue(before == null || before.equals(meta), "one response, one customer/time/channel");
    }
    Map<String, String> fromWide = new TreeMap<>();
    for (List<String> r : s.wide.rows()) {
      for (String q : QUESTIONS) {
        String v = r.get(s.wide.col(q));
        if (!v.isEmpty()) {
          fromWide.put(r.get(0) + "/" + q, v);
        }
      }
      assertEquals(metaLong.get(r.get(0)), r.get(1) + "|" + r.get(2) + "|" + r.get(3));
    }
    assertEquals(fromWide, fromLong);
    assertEquals(s.wide.rows().size(), metaLong.size(), "every response has a long-layout row");
    assertEquals(s.truth.counts().answers(), fromLong.size());
  }

  @Test
  void unansweredQuestionsAreEmptyScoresOrMissingRows() {
    Map<String, Set<String>> rowsOf = new HashMap<>();
    int emptyScores = 0;
    for (List<String> r : s.surveys.rows()) {
      rowsOf.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(r.get(3));
      emptyScores += r.get(4).isEmpty() ? 1 : 0;
    }
    int missingRows = 0;
    for (Set<String> qs : rowsOf.values()) {
      missingRows += QUESTIONS.size() - qs.size();
    }
    assertTrue(emptyScores > 500, "empty scores: " + emptyScores);
    assertTrue(missingRows > 500, "missing rows: " + missingRows);
  }

  @Test
  void commentsAreOnTheOverallRowAndSomeCarryContactDetails() {
    int comments = 0;
    String all = "";
    for (List<String> r : s.surveys.rows()) {
      if (!r.get(6).isEmpty()) {
        comments++;
        assertEquals("q_overall", r.get(3));
        assertFalse(r.get(6).contains("\""), "comments hold no quotes");
        all += r.get(6) + "\n";
      }
    }
    Truth.Comments truth = s.truth.comments();
    assertEquals(truth.count(), comments);
    assertTrue(truth.withEmail() >= 10 && truth.withPhone() >= 10, truth.toString());
    assertEquals(truth.withEmail(), truth.emails().size());
    for (String e : truth.emails()) {
      assertTrue(all.contains(e) && e.matches("[a-z.]+\\d+@example\\.(com|org|net)"), e);
    }
    for (String p : truth.phones()) {
      assertTrue(all.contains(p), p);
    }
    assertTrue(all.contains(","), "some comments need quoting");
  }

  @Test
  void duplicateEventsAreIdenticalRowsAndOtherIdsAreUnique() {
    Map<String, String> first = new HashMap<>();
    int repeats = 0;
    for (String line : s.events.lines()) {
      String id = line.substring(0, line.indexOf(','));
      String before = first.putIfAbsent(id, line);
      if (before != null) {
        repeats++;
        assertEquals(before, line, "a duplicate delivery repeats the whole row");
      }
    }
    assertEquals(s.truth.duplicateEvents(), repeats);
    double share = repeats / (double) first.size();
    assertTrue(share > 0.004 && share < 0.006, "duplicate share " + share);
  }

  @Test
  void countsInTruthMatchTheFiles() {
    Truth.Counts c = s.truth.counts();
    assertEquals(s.customers.rows().size(), c.customers());
    assertEquals(s.wide.rows().size(), c.responses());
    assertEquals(s.surveys.rows().size(), c.surveyRows());
    assertEquals(s.events.rows().size(), c.events() + s.truth.duplicateEvents());
    assertEquals(
        Map.of(
            "surveys", s.surveys.rows().size(),
            "surveys_wide", s.wide.rows().size(),
            "events", s.events.rows().size(),
            "customers", s.customers.rows().size()),
        c.fileRows());
    assertEquals(s.probabilities.rows().size(), c.responses());
    assertEquals(c.events(), s.data.eventCount());
    double perCustomer = c.events() / (double) c.customers();
    assertTrue(perCustomer >= 50 && perCustomer <= 150, "events per customer " + perCustomer);
    assertTrue(c.responses() >= 2000, "responses " + c.responses());
  }

  @Test
  void theConfigReadsTheGeneratedFiles() {
    JobConfig config = JobConfigLoader.load(s.data.config(), List.of(), Map.of());
    Path dir = s.dir.toAbsolutePath();
    assertEquals(dir.resolve("warehouse").toString(), config.warehouse());
    assertEquals("online_retail", config.journeys().get(0).id());
    assertEquals(dir.resolve("surveys/surveys.csv").toString(), config.surveys().path());
    assertEquals(InputSpec.Layout.LONG, config.surveys().layout());
    assertEquals(dir.resolve("events/events.csv").toString(), config.events().path());
    assertEquals(dir.resolve("customers.csv").toString(), config.customers().path());
    assertEquals(InputSpec.Format.CSV, config.customers().format());
  }

  @Test
  void theJourneyFileIsTheShippedMap() throws Exception {
    Path shipped = ProjectRoot.path().resolve("conf/journeys/online_retail.yaml");
    assertEquals(Files.readString(shipped), Files.readString(s.data.journey()));
    JourneyMap map = JourneyMapLoader.load(s.data.journey());
    assertEquals(s.truth.generation().journey(), map.id());
  }

  @Test
  void truthReadsBackToTheSameJson() throws Exception {
    assertEquals(Files.readString(s.data.truth()), Truth.read(s.data.truth()).toJson());
    assertEquals(1, s.truth.schemaVersion());
    assertEquals("2024-06-30", s.truth.generation().endDate());
  }
}
