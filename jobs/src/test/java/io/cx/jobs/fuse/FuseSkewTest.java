package io.cx.jobs.fuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.contract.Cols;
import io.cx.common.journey.JourneyMap;
import java.sql.Date;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bot with 200 000 events over 100 days and three surveys, beside a normal customer: the join of
 * responses with events stays an equi-join on (customer, day), and what the bot brings to it is
 * bounded by its days x event types (x distinct values for the percentile's type), not by its
 * events.
 */
class FuseSkewTest {
  static final JourneyMap BOTS =
      TestData.journey(
          """
          journey: bots
          stages:
            - id: use
              touchpoints: [{id: app}]
              metrics:
                - {id: hits, events: [hit], agg: count}
                - {id: hit_max, events: [hit], agg: max}
                - {id: any_err, events: [err], agg: exists}
                - {id: err_p50, events: [err], agg: p50}
          questions:
            q_app: {touchpoint: app, kind: csat, scale: [1, 5]}
            q_nps: {kind: nps, scale: [0, 10]}
          outcomes: {recommend: q_nps}
          window: {lookback_days: 30}
          """);

  static final int BOT_EVENTS = 200_000;

  /** 2024-01-01T00:00Z, the bot's first event; event i comes i x 43.2 s later (2 000 a day). */
  static final long BASE_US = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

  static TestData data;
  static Dataset<Row> events;
  static Dataset<Row> facts;
  static Map<String, Map<String, Row>> metrics;

  @BeforeAll
  static void fuse() {
    data = new TestData();
    // Days after BASE: r_bot1 at day 50.5, r_bot2 at day 90, r_bot3 at day 9.25.
    data.answer(BOTS, "r_bot1", "bot", "2024-02-20T12:00:00Z", "q_app", 3.0)
        .answer(BOTS, "r_bot2", "bot", "2024-03-31T00:00:00Z", "q_app", 3.0)
        .answer(BOTS, "r_bot3", "bot", "2024-01-10T06:00:00Z", "q_app", 3.0)
        .answer(BOTS, "r_c1", "c1", "2024-02-20T12:00:00Z", "q_app", 4.0)
        .event("c1", "2024-02-10T00:00:00Z", "hit", 7.0)
        .event("c1", "2024-02-11T00:00:00Z", "err", 3.0);
    // Even i: hit, odd i: err; value i % 100.
    Dataset<Row> bot =
        TestData.spark()
            .range(BOT_EVENTS)
            .select(
                concat(lit("b"), col("id").cast("string")).as(Cols.EVENT_ID),
                lit("bot").as(Cols.CUSTOMER_ID),
                timestamp_micros(col("id").multiply(43_200_000L).plus(BASE_US)).as(Cols.EVENT_TIME),
                when(col("id").mod(2).equalTo(0), lit("hit"))
                    .otherwise(lit("err"))
                    .as(Cols.EVENT_TYPE),
                col("id").mod(100).cast(DataTypes.DoubleType).as(Cols.VALUE),
                lit("app").as(Cols.CHANNEL),
                lit("run").as(Cols.RUN_ID),
                lit(Date.valueOf(TestData.RUN)).as(Cols.RUN_DATE));
    events = data.events().unionByName(bot);
    FuseInputs in = new FuseInputs(data.answers(), events, null);
    facts = Fusion.fuse(in, List.of(BOTS), TestData.RUN, TestData.RUN_END).stageFacts();
    metrics = TestData.metricsByResponse(facts);
  }

  @Test
  void theBotsMetricsAreExact() {
    // r_bot1: window [day 20.5, day 50.5) holds i in [41 000, 101 000): 30 000 hits, 30 000 errs.
    // Errs have the odd values 1..99, each 600 times: the median lies between the 15 000th (49)
    // and the 15 001st (51) value: 50.
    assertBot("r_bot1", 30_000, 30_000);
    // r_bot2: [day 60, day 90) holds i in [120 000, 180 000).
    assertBot("r_bot2", 30_000, 30_000);
    // r_bot3: [day -20.75, day 9.25) holds i in [0, 18 500): 9 250 of each; each odd value 185
    // times, the median between the 4 625th (49) and 4 626th (51) value: 50.
    assertBot("r_bot3", 9_250, 9_250);
    Map<String, Row> c1 = metrics.get("r_c1");
    assertEquals(1.0, (double) c1.get("hits").getAs("value"), 0);
    assertEquals(7.0, (double) c1.get("hit_max").getAs("value"), 0);
    assertEquals(3.0, (double) c1.get("err_p50").getAs("value"), 0);
  }

  private static void assertBot(String response, long hits, long errs) {
    Map<String, Row> m = metrics.get(response);
    assertEquals((double) hits, (double) m.get("hits").getAs("value"), 0, response);
    assertEquals(hits, (long) m.get("hits").getAs("n_events"), response);
    // Even i: even values up to 98.
    assertEquals(98.0, (double) m.get("hit_max").getAs("value"), 0, response);
    assertEquals(1.0, (double) m.get("any_err").getAs("value"), 0, response);
    assertEquals(50.0, (double) m.get("err_p50").getAs("value"), 0, response);
    assertEquals(errs, (long) m.get("err_p50").getAs("n_events"), response);
  }

  @Test
  void theJoinIsNeverACrossProduct() {
    QueryExecution qe = facts.queryExecution();
    // Planned before any adaptive change, and as finally run.
    for (String plan : new String[] {qe.sparkPlan().toString(), qe.executedPlan().toString()}) {
      assertFalse(plan.contains("CartesianProduct"), plan);
      assertFalse(plan.contains("BroadcastNestedLoopJoin"), plan);
      assertTrue(plan.contains("HashJoin") || plan.contains("SortMergeJoin"), plan);
    }
    // The response-to-events join has (customer_id, day) as its equi-join keys.
    String plan = qe.sparkPlan().toString();
    assertTrue(
        plan.matches(
            "(?s).*Join \\[customer_id#\\d+, _day#\\d+L], \\[customer_id#\\d+, _day#\\d+L].*"),
        plan);
  }

  @Test
  void whatTheBotBringsToTheJoinIsBoundedByItsDaysAndTypesNotItsEvents() {
    Dataset<Row> bot = data.answers().where(col(Cols.CUSTOMER_ID).equalTo("bot"));
    long rows =
        ObjectiveMetrics.pieces(Responses.of(bot, List.of(BOTS)), events, List.of(BOTS))
            .where(col(Cols.CUSTOMER_ID).equalTo("bot"))
            .count();
    // Days with bot events inside a window: r_bot3 days 0..9 (10), r_bot1 days 20..50 (31),
    // r_bot2 days 60..89 (30): 71. Window edges inside those days, not at midnight: r_bot3's end
    // (day 9, 06:00), r_bot1's start and end (days 20 and 50, 12:00): 3 more pieces, 74 per type.
    // One row per piece for hit; one per piece and distinct value (the 50 odd values, all of which
    // occur in every piece) for err, the type of a percentile.
    assertEquals(74 + 74 * 50, rows);
    // In general: at most (days + 2 x responses) x types x distinct percentile values.
    assertTrue(rows <= (71 + 2 * 3) * (1 + 50));
    // 138 500 of the bot's events lie in a window.
    assertTrue(rows * 30 < 138_500, rows + " rows");
  }
}
