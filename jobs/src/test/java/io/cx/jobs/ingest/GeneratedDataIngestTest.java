package io.cx.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.DataFrameAssert;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.generate.Truth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest on `cx generate` data with deliberately bad rows: the rejects match what the generator
 * planted, kind by kind, and the long and wide survey layouts give the same survey_answers.
 */
class GeneratedDataIngestTest {
  @TempDir static Path dir;
  static GeneratedData data;
  static Truth truth;

  @BeforeAll
  static void generate() {
    data =
        Generator.generate(
            GeneratorOptions.defaults(dir.resolve("in")).withCustomers(150).withBadRowShare(0.02));
    truth = Truth.read(data.truth());
  }

  static JobResult ingest(String warehouse, String... sets) {
    List<String> all = new java.util.ArrayList<>(List.of("warehouse=" + warehouse));
    all.addAll(List.of(sets));
    JobConfig cfg = JobConfigLoader.load(data.config(), all, Map.of());
    return JobRunner.run(
        new IngestJob(), JobContext.of(SharedSpark.get(), cfg, GeneratorOptions.DEFAULT_END_DATE));
  }

  /** The generator's names for bad-row kinds, as ingest's reject reasons. */
  static String reason(String source, String kind) {
    if (kind.equals("non_numeric")) {
      return "bad_number";
    }
    return source.equals("customers") && kind.equals("bad_timestamp") ? "bad_date" : kind;
  }

  @Test
  void rejectsAreExactlyThePlantedBadRowsAndDuplicates() {
    String wh = dir.resolve("wh-long").toString();
    JobResult r = ingest(wh);
    assertEquals(0, r.exitCode(), r.error());
    TableIO io = new TableIO(SharedSpark.get(), wh);
    Map<String, Long> actual = new TreeMap<>();
    for (Row row :
        io.read(Tables.REJECTED_RECORDS)
            .groupBy(Cols.SOURCE, Cols.REASON)
            .count()
            .collectAsList()) {
      actual.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    Map<String, Long> expected = new TreeMap<>();
    for (String source : List.of("surveys", "events", "customers")) {
      truth
          .badRows()
          .get(source)
          .forEach(
              (kind, n) -> {
                if (n > 0) {
                  expected.merge(source + "/" + reason(source, kind), (long) n, Long::sum);
                }
              });
    }
    expected.put("events/duplicate_event", (long) truth.duplicateEvents());
    assertEquals(expected, actual);
    assertEquals(data.eventCount(), io.read(Tables.BEHAVIOR_EVENTS).count());
    assertEquals(data.customerCount(), io.read(Tables.CUSTOMERS).count());
    long comments = io.read(Tables.SURVEY_ANSWERS).where("comment LIKE '%[email]%'").count();
    assertEquals(truth.comments().withEmail(), comments);
    assertEquals(0, io.read(Tables.SURVEY_ANSWERS).where("comment RLIKE '@'").count());
  }

  /**
   * On clean data: a bad row cannot be equivalent in both layouts (a wide row is a whole
   * submission, a long row one answer).
   */
  @Test
  void longAndWideLayoutsGiveTheSameSurveyAnswers() {
    GeneratedData clean =
        Generator.generate(GeneratorOptions.defaults(dir.resolve("clean")).withCustomers(150));
    String whLong = dir.resolve("wh-l").toString();
    String whWide = dir.resolve("wh-w").toString();
    String events = "inputs.events.path=" + clean.events();
    String customers = "inputs.customers.path=" + clean.customers();
    JobResult fromLongRun =
        ingest(whLong, "inputs.surveys.path=" + clean.surveys(), events, customers);
    assertEquals(0, fromLongRun.exitCode(), fromLongRun.error());
    JobResult wide =
        ingest(
            whWide,
            "inputs.surveys.path=" + clean.surveysWide(),
            "inputs.surveys.layout=wide",
            events,
            customers);
    assertEquals(0, wide.exitCode(), wide.error());
    TableIO l = new TableIO(SharedSpark.get(), whLong);
    TableIO w = new TableIO(SharedSpark.get(), whWide);
    // Comments exist only in the long layout; run ids differ by construction.
    Dataset<Row> fromLong = l.read(Tables.SURVEY_ANSWERS).drop(Cols.COMMENT, Cols.RUN_ID);
    Dataset<Row> fromWide = w.read(Tables.SURVEY_ANSWERS).drop(Cols.COMMENT, Cols.RUN_ID);
    assertEquals(clean.responseCount() * 7L, fromLong.count());
    assertTrue(fromLong.where(col(Cols.SCORE).isNotNull()).count() > 0);
    DataFrameAssert.assertSameRows(fromLong, fromWide);
  }
}
