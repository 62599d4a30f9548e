package io.cx.jobs.fuse;

import io.cx.common.config.Problems;
import io.cx.common.config.YamlFiles;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.common.journey.Question;
import io.cx.common.testing.SharedSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** In-memory inputs of the fuse job, in the contract's schemas, and journey maps from YAML. */
final class TestData {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);

  /** The first instant after {@link #RUN} in UTC. */
  static final Instant RUN_END = Instant.parse("2024-07-01T00:00:00Z");

  private final List<Row> answers = new ArrayList<>();
  private final List<Row> events = new ArrayList<>();
  private final List<Row> customers = new ArrayList<>();
  private int eventIds;

  static SparkSession spark() {
    return SharedSpark.get();
  }

  /** A journey map from YAML text, validated like a file. */
  static JourneyMap journey(String yaml) {
    Problems problems = new Problems("test.yaml");
    JourneyMap map =
        JourneyMapLoader.fromTree(YamlFiles.parse(yaml, problems), "test.yaml", problems);
    problems.throwIfAny();
    return map;
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** An answer of run date {@link #RUN}; kind, stage, touchpoint and scale come from the map. */
  TestData answer(
      JourneyMap j, String response, String customer, String at, String question, Double score) {
    return answer(j, response, customer, at, question, score, "app", null, RUN);
  }

  TestData answer(
      JourneyMap j,
      String response,
      String customer,
      String at,
      String question,
      Double score,
      String channel,
      Double weight,
      LocalDate runDate) {
    Question q = j.questions().get(question);
    String stage =
        q.touchpoint() == null ? null : j.stageOfTouchpoint(q.touchpoint()).orElseThrow().id();
    answers.add(
        RowFactory.create(
            response,
            customer,
            ts(at),
            j.id(),
            question,
            q.kind().id(),
            stage,
            q.touchpoint(),
            score,
            score == null ? null : q.normalise(score),
            q.scaleMin(),
            q.scaleMax(),
            channel,
            null,
            weight,
            "run-" + runDate,
            Date.valueOf(runDate)));
    return this;
  }

  TestData event(String customer, String at, String type, Double value) {
    return event(customer, at, type, value, RUN);
  }

  TestData event(String customer, String at, String type, Double value, LocalDate runDate) {
    events.add(
        RowFactory.create(
            "e" + (++eventIds),
            customer,
            ts(at),
            type,
            value,
            "app",
            "run-" + runDate,
            Date.valueOf(runDate)));
    return this;
  }

  TestData customer(
      String customer,
      String segment,
      String region,
      String signup,
      Double annualValue,
      LocalDate runDate) {
    customers.add(
        RowFactory.create(
            customer,
            segment,
            region,
            signup == null ? null : Date.valueOf(signup),
            annualValue,
            "run-" + runDate,
            Date.valueOf(runDate)));
    return this;
  }

  Dataset<Row> answers() {
    return spark().createDataFrame(answers, Schemas.SURVEY_ANSWERS);
  }

  Dataset<Row> events() {
    return spark().createDataFrame(events, Schemas.BEHAVIOR_EVENTS);
  }

  Dataset<Row> customers() {
    return spark().createDataFrame(customers, Schemas.CUSTOMERS);
  }

  FuseInputs inputs() {
    return new FuseInputs(answers(), events(), customers.isEmpty() ? null : customers());
  }

  /** Runs the pure transform on these inputs for {@link #RUN}. */
  Fusion.Fused fuse(JourneyMap... journeys) {
    return Fusion.fuse(inputs(), List.of(journeys), RUN, RUN_END);
  }

  /** The metrics of each (response, stage) of journey_stage_facts: metric id to its row. */
  static Map<String, Map<String, Row>> metricsByResponse(Dataset<Row> facts) {
    Map<String, Map<String, Row>> out = new HashMap<>();
    for (Row r : facts.collectAsList()) {
      Map<String, Row> metrics = out.computeIfAbsent(r.getAs("response_id"), k -> new HashMap<>());
      List<Row> list = r.getList(r.fieldIndex(Cols.METRICS));
      list.forEach(m -> metrics.put(m.getAs("metric"), m));
    }
    return out;
  }

  /** The rows of a table by response id. */
  static Map<String, Row> byResponse(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    rows.collectAsList().forEach(r -> out.put(r.getAs("response_id"), r));
    return out;
  }
}
