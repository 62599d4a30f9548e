package io.cx.jobs.kpis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cx.common.config.KpiOptions;
import io.cx.common.config.Problems;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.common.journey.Question;
import io.cx.common.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Journey, answers and customers for the kpis tests, built in memory. */
final class KpiFixtures {
  /**
   * Journey 'kpi': purchase {checkout}, delivery {delivery, returns}; csat questions 1..5 for each
   * touchpoint, overall 1..5, NPS 0..10 and effort 1..7 as the outcomes.
   */
  static final String JOURNEY =
      """
      journey: kpi
      timezone: %s
      stages:
        - id: purchase
          touchpoints: [{id: checkout}]
        - id: delivery
          touchpoints: [{id: delivery}, {id: returns}]
      questions:
        q_checkout: {touchpoint: checkout, kind: csat, scale: [1, 5]}
        q_delivery: {touchpoint: delivery, kind: csat, scale: [1, 5]}
        q_returns:  {touchpoint: returns, kind: csat, scale: [1, 5]}
        q_overall:  {kind: overall, scale: [1, 5]}
        q_nps:      {kind: nps, scale: [0, 10]}
        q_effort:   {kind: ces, scale: [1, 7]}
      outcomes: {satisfaction: q_overall, recommend: q_nps, effort: q_effort}
      window: {lookback_days: 30}
      churn: {horizon_days: 90, events: [account_closed], inactive_days: 60, activity_events: [app_open]}
      """;

  private KpiFixtures() {}

  static String journeyYaml(String zone) {
    return JOURNEY.formatted(zone);
  }

  static JourneyMap journey(String zone) {
    return parse(journeyYaml(zone));
  }

  static JourneyMap parse(String yaml) {
    try {
      var tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      Problems problems = new Problems("kpi.yaml");
      JourneyMap map = JourneyMapLoader.fromTree(tree, "kpi.yaml", problems);
      problems.throwIfAny();
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One answer: response, customer, submitted_at (ISO instant), question, score (null = skipped),
   * channel, weight (null = none), ingest date.
   */
  record Answer(
      String response,
      String customer,
      String at,
      String question,
      Double score,
      String channel,
      Double weight,
      String ingested) {
    static Answer of(
        String response,
        String customer,
        String at,
        String question,
        double score,
        String channel) {
      return new Answer(
          response, customer, at, question, score, channel, null, at.substring(0, 10));
    }

    Answer weighted(double w) {
      return new Answer(response, customer, at, question, score, channel, w, ingested);
    }

    Answer ingestedOn(String date) {
      return new Answer(response, customer, at, question, score, channel, weight, date);
    }
  }

  /** survey_answers rows (the ingest schema) of a journey. */
  static Dataset<Row> answers(JourneyMap j, List<Answer> answers) {
    List<Row> rows = new ArrayList<>();
    for (Answer a : answers) {
      Question q = j.questions().get(a.question());
      String stage =
          q.touchpoint() == null ? null : j.stageOfTouchpoint(q.touchpoint()).orElseThrow().id();
      rows.add(
          RowFactory.create(
              a.response(),
              a.customer(),
              Timestamp.from(Instant.parse(a.at())),
              j.id(),
              q.id(),
              q.kind().id(),
              stage,
              q.touchpoint(),
              a.score(),
              a.score() == null ? null : q.normalise(a.score()),
              q.scaleMin(),
              q.scaleMax(),
              a.channel(),
              null,
              a.weight(),
              "run-" + a.ingested(),
              Date.valueOf(a.ingested())));
    }
    return SharedSpark.get().createDataFrame(rows, Schemas.SURVEY_ANSWERS);
  }

  /** customers rows: customer, segment (null allowed), ingest date. */
  static Dataset<Row> customers(List<String[]> rows) {
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(RowFactory.create(r[0], r[1], null, null, null, "run-" + r[2], Date.valueOf(r[2])));
    }
    return SharedSpark.get().createDataFrame(out, Schemas.CUSTOMERS);
  }

  /** A checked-in CSV under kpis/ as rows of text, header first; empty fields are null. */
  static List<String[]> csv(String resource) {
    try (InputStream in = KpiFixtures.class.getResourceAsStream("/kpis/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource kpis/" + resource);
      }
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
          f[i] = f[i].isEmpty() ? null : f[i];
        }
        out.add(f);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** answers.csv as answers; weights kept or dropped. */
  static List<Answer> answersCsv(boolean weighted) {
    return answersCsv("answers.csv", weighted);
  }

  /** A CSV under kpis/ with the columns of answers.csv as answers; weights kept or dropped. */
  static List<Answer> answersCsv(String resource, boolean weighted) {
    List<String[]> rows = csv(resource);
    List<Answer> out = new ArrayList<>();
    for (String[] r : rows.subList(1, rows.size())) {
      out.add(
          new Answer(
              r[0],
              r[1],
              r[2],
              r[3],
              r[4] == null ? null : Double.valueOf(r[4]),
              r[5],
              weighted && r[6] != null ? Double.valueOf(r[6]) : null,
              r[7]));
    }
    return out;
  }

  /** customers.csv as customers rows. */
  static Dataset<Row> customersCsv() {
    List<String[]> rows = csv("customers.csv");
    return customers(rows.subList(1, rows.size()));
  }

  static KpiOptions options(
      int minN, int normPeriods, KpiOptions.Recompute mode, String... grains) {
    List<String> g = grains.length == 0 ? KpiOptions.ALL_GRAINS : List.of(grains);
    return new KpiOptions(minN, normPeriods, 0.05, g, mode);
  }

  /** The kpis transform as the job runs it, without benchmarks. */
  static Dataset<Row> compute(
      JourneyMap j,
      Dataset<Row> answers,
      Dataset<Row> customers,
      LocalDate runDate,
      KpiOptions options) {
    PeriodPlan plan = PeriodPlan.of(runDate, options, List.of(j.id()));
    Dataset<Row> in = KpiAnswers.inWindow(answers, List.of(j), plan);
    Dataset<Row> segments = customers == null ? null : KpiAnswers.segmentsAsOf(customers, runDate);
    Dataset<Row> feeds = KpiFeeds.table(SharedSpark.get(), KpiFeeds.of(j));
    return TouchpointKpis.compute(in, segments, feeds, null, plan, options);
  }

  /**
   * The same cells with the same values: doubles within 1e-9 (relative above 1), everything else
   * equal. Ignores nullability and row order.
   */
  static void assertSameCells(Dataset<Row> expected, Dataset<Row> actual) {
    java.util.Map<String, Row> want = new java.util.TreeMap<>();
    expected.collectAsList().forEach(r -> want.put(key(r), r));
    java.util.Map<String, Row> got = new java.util.TreeMap<>();
    actual.collectAsList().forEach(r -> got.put(key(r), r));
    org.junit.jupiter.api.Assertions.assertEquals(want.keySet(), got.keySet(), "cells");
    for (var e : want.entrySet()) {
      Row w = e.getValue();
      Row g = got.get(e.getKey());
      for (String c : w.schema().fieldNames()) {
        Object a = w.getAs(c);
        Object b = g.getAs(c);
        String where = e.getKey() + " " + c;
        if (a instanceof Double x && b instanceof Double y) {
          org.junit.jupiter.api.Assertions.assertEquals(
              x, y, 1e-9 * Math.max(1, Math.abs(x)), where);
        } else {
          org.junit.jupiter.api.Assertions.assertEquals(a, b, where);
        }
      }
    }
  }

  /** The key of a touchpoint_kpis row, for maps and messages. */
  static String key(Row r) {
    return String.join(
        "/",
        r.<String>getAs(Cols.PERIOD_GRAIN),
        r.getAs(Cols.PERIOD_START).toString(),
        r.<String>getAs(Cols.METRIC),
        r.<String>getAs(Cols.STAGE),
        r.<String>getAs(Cols.TOUCHPOINT),
        r.<String>getAs(Cols.SEGMENT),
        r.<String>getAs(Cols.CHANNEL));
  }
}
