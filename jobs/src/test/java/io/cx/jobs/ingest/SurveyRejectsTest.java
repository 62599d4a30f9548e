package io.cx.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.config.InputSpec;
import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each survey reject reason, with its exact detail, through the reader and the cleaner. */
class SurveyRejectsTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);

  static final String SURVEYS =
      """
      response_id,customer_id,submitted_at,question_id,score,channel,comment
      r1,c1,2024-06-01T10:00:00Z,q_overall,4,app,mail me at jane@example.com
      r1,c1,2024-06-01T10:00:00Z,q_nps,9,app,
      r2,,2024-06-01T10:00:00Z,q_overall,4,app,
      r3,c3,2024-13-01T10:00:00Z,q_overall,4,app,
      r4,c4,2024-06-01T10:00:00Z,q_unknown,4,app,
      r5,c5,2024-06-01T10:00:00Z,q_overall,four,app,
      r6,c6,2024-06-01T10:00:00Z,q_overall,6,app,
      r7,c7,2024-07-01T00:00:00Z,q_overall,4,app,
      r8,c8,2024-06-01T10:00:00Z,q_overall,4,app,ok,extra field
      r9,c9,2024-06-01T10:00:00Z,q_overall,3,app,
      r9,c9,2024-06-01T10:00:00Z,q_overall,5,app,
      r10,c10,2024-06-01T10:00:00Z,q_overall,3,app,
      r10,c11,2024-06-01T10:00:00Z,q_nps,5,app,
      r11,c11,2024-06-01T10:00:00Z,q_checkout,,web,
      r12,c12,2024-06-01 12:00:00,Q_OVERALL, 5 ,sms,
      r13,c13,yesterday,q_overall,4,app,
      """;

  static Cleaned clean(Workspace ws, JobConfig cfg) {
    var spark = SharedSpark.get();
    Dataset<Row> raw = InputReader.read(spark, "surveys", cfg.surveys(), RUN).orElseThrow();
    Dataset<Row> prepared = InputReader.prepare(raw, Cols.CUSTOMER_ID, null);
    CleanContext cc = new CleanContext(cfg.journeys(), cfg.timezone(), RUN, "run-1", null);
    return SurveyCleaner.clean(prepared, null, cc);
  }

  static Map<String, String> reasonByResponse(Dataset<Row> rejected) {
    Map<String, String> out = new TreeMap<>();
    for (Row r :
        rejected
            .selectExpr("get_json_object(raw, '$.response_id') rid", "reason", "raw")
            .collectAsList()) {
      String rid = r.getString(0) == null ? r.getString(2).split(",")[0] : r.getString(0);
      out.merge(rid, r.getString(1), (a, b) -> a + "+" + b);
    }
    return out;
  }

  @Test
  void everyBadAnswerGetsItsReasonAndTheRestIsClean(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write("surveys/a.csv", SURVEYS);
    Cleaned c = clean(ws, ws.load());
    Map<String, String> reasons = reasonByResponse(c.rejected());
    Map<String, String> expected = new TreeMap<>();
    expected.put("r2", "missing_key");
    expected.put("r3", "bad_timestamp");
    expected.put("r4", "unknown_question");
    expected.put("r5", "bad_number");
    expected.put("r6", "score_out_of_scale");
    expected.put("r7", "future_timestamp");
    expected.put("r8", "malformed_row");
    expected.put("r9", "duplicate_answer");
    expected.put("r10", "inconsistent_response+inconsistent_response");
    expected.put("r13", "bad_timestamp");
    assertEquals(expected, reasons);

    Map<String, String> details = new TreeMap<>();
    for (Row r : c.rejected().selectExpr("reason", "detail").collectAsList()) {
      details.put(r.getString(0), r.getString(1));
    }
    assertEquals("customer_id is empty", details.get("missing_key"));
    assertEquals(
        "question_id 'q_unknown' is not declared in any journey map",
        details.get("unknown_question"));
    assertEquals("score 'four' is not a number", details.get("bad_number"));
    assertEquals(
        "score 6.0 is outside the scale [1.0, 5.0] of q_overall",
        details.get("score_out_of_scale"));
    assertEquals(
        "submitted_at 2024-07-01T00:00:00Z is after the run date 2024-06-30",
        details.get("future_timestamp"));
    assertEquals("the row does not parse", details.get("malformed_row"));
    assertEquals(
        "this response_id and question_id were already ingested", details.get("duplicate_answer"));

    assertEquals(16, c.marked().count());
    // 5 answers kept, and 11 skipped rows for the questions these responses have no row for.
    assertEquals(16, c.clean().count());
    assertEquals(4, c.clean().where("score IS NOT NULL").count());
    assertEquals(11, c.rejected().count());
    Row r12 = c.clean().where("response_id = 'r12'").first();
    assertEquals("q_overall", r12.getAs(Cols.QUESTION_ID));
    assertEquals(5.0, (double) r12.getAs(Cols.SCORE));
    assertEquals(1.0, (double) r12.getAs(Cols.SCORE_NORM));
    assertEquals(
        java.sql.Timestamp.valueOf("2024-06-01 12:00:00").toInstant().toString(),
        ((java.sql.Timestamp) r12.getAs(Cols.SUBMITTED_AT)).toInstant().toString());
    Row r11 = c.clean().where("response_id = 'r11'").first();
    assertNull(r11.getAs(Cols.SCORE));
    assertEquals("purchase", r11.getAs(Cols.STAGE));
    assertEquals("checkout", r11.getAs(Cols.TOUCHPOINT));
    assertEquals(
        "mail me at [email]",
        c.clean()
            .where("response_id = 'r1' and question_id = 'q_overall'")
            .first()
            .getAs(Cols.COMMENT));
    assertEquals(
        0.75,
        (double)
            c.clean()
                .where("response_id = 'r1' and question_id = 'q_overall'")
                .first()
                .getAs(Cols.SCORE_NORM));
  }

  @Test
  void zoneLessTimestampsAreReadInTheConfigZone(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write(
        "surveys/a.csv",
        "response_id,customer_id,submitted_at,question_id,score\n"
            + "r1,c1,2024-06-01 12:00:00,q_overall,4\n"
            + "r2,c2,2024-06-01T12:00:00+02:00,q_overall,4\n");
    ws.configLine("timezone: Europe/Paris");
    Cleaned c = clean(ws, ws.load());
    for (Row r : c.clean().collectAsList()) {
      assertEquals(
          "2024-06-01T10:00:00Z",
          ((java.sql.Timestamp) r.getAs(Cols.SUBMITTED_AT)).toInstant().toString());
    }
  }

  @Test
  void wideAndLongLayoutsGiveTheSameAnswers(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.write(
        "surveys/a.csv",
        """
        response_id,customer_id,submitted_at,question_id,score,channel
        r1,c1,2024-06-01T10:00:00Z,q_overall,4,app
        r1,c1,2024-06-01T10:00:00Z,q_nps,9,app
        r1,c1,2024-06-01T10:00:00Z,q_checkout,,app
        r1,c1,2024-06-01T10:00:00Z,q_delivery,2,app
        r2,c2,2024-06-02T10:00:00Z,q_overall,5,web
        r2,c2,2024-06-02T10:00:00Z,q_nps,10,web
        r2,c2,2024-06-02T10:00:00Z,q_checkout,5,web
        r2,c2,2024-06-02T10:00:00Z,q_delivery,7,web
        """);
    ws.write(
        "wide/a.csv",
        """
        Response_ID,customer_id,SUBMITTED_AT,channel,q_overall,q_nps,q_checkout,q_delivery,extra_col
        r1,c1,2024-06-01T10:00:00Z,app,4,9,,2,x
        r2,c2,2024-06-02T10:00:00Z,web,5,10,5,7,y
        r3,c3,2024-06-02T10:00:00Z,web,,,,,z
        """);
    JobConfig longCfg = ws.load();
    JobConfig wideCfg =
        ws.load(
            "inputs.surveys.path=" + dir.resolve("wide") + "/*.csv", "inputs.surveys.layout=wide");
    Cleaned fromLong = clean(ws, longCfg);
    var spark = SharedSpark.get();
    Dataset<Row> wideRaw =
        InputReader.prepare(
            InputReader.read(spark, "surveys", wideCfg.surveys(), RUN).orElseThrow(),
            Cols.CUSTOMER_ID,
            null);
    CleanContext cc = new CleanContext(wideCfg.journeys(), wideCfg.timezone(), RUN, "run-1", null);
    Cleaned fromWide = SurveyCleaner.clean(WideLayout.melt(wideRaw, wideCfg.journeys()), null, cc);
    io.cx.common.testing.DataFrameAssert.assertSameRows(fromLong.clean(), fromWide.clean());
    assertEquals(java.util.List.of("extra_col"), WideLayout.extras(wideRaw, wideCfg.journeys()));
    assertEquals(
        Map.of("r2", "score_out_of_scale", "r3", "empty_response"),
        reasonByResponse(fromWide.rejected()));
    assertEquals(reasonByResponse(fromLong.rejected()), Map.of("r2", "score_out_of_scale"));
    assertEquals(fromLong.marked().count() + 1, fromWide.marked().count());
  }

  @Test
  void keepsTheTypeOfTypedInputs(@TempDir Path dir) {
    var spark = SharedSpark.get();
    Workspace ws = new Workspace(dir);
    spark
        .sql(
            "select 'r1' response_id, 'c1' customer_id, timestamp'2024-06-01 10:00:00' submitted_at, 'q_nps' question_id, 8L score")
        .write()
        .parquet(dir.resolve("pq").toString());
    JobConfig cfg =
        ws.load("inputs.surveys.path=" + dir.resolve("pq"), "inputs.surveys.format=parquet");
    assertEquals(InputSpec.Format.PARQUET, cfg.surveys().format());
    Cleaned c = clean(ws, cfg);
    Row r = c.clean().first();
    assertEquals(8.0, (double) r.getAs(Cols.SCORE));
    assertEquals(
        "2024-06-01T10:00:00Z",
        ((java.sql.Timestamp) r.getAs(Cols.SUBMITTED_AT)).toInstant().toString());
  }
}
