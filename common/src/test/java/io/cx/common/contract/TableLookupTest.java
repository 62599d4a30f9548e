package io.cx.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which job writes each table, and each fixed schema by table name. */
class TableLookupTest {
  @Test
  void everyTableNamesTheJobThatWritesIt() {
    Map<String, String> producers = new LinkedHashMap<>();
    Tables.ALL.forEach(t -> producers.put(t, Tables.producer(t)));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(Tables.SURVEY_ANSWERS, "ingest");
    expected.put(Tables.BEHAVIOR_EVENTS, "ingest");
    expected.put(Tables.CUSTOMERS, "ingest");
    expected.put(Tables.REJECTED_RECORDS, "ingest");
    expected.put(Tables.JOURNEY_STAGE_FACTS, "fuse");
    expected.put(Tables.JOURNEY_FEATURES, "fuse");
    expected.put(Tables.CHURN_LABELS, "fuse");
    expected.put(Tables.DRIVER_IMPORTANCE, "drivers");
    expected.put(Tables.METRIC_THRESHOLDS, "drivers");
    expected.put(Tables.DRIVER_IMPACT, "churn");
    expected.put(Tables.CHURN_SCORES, "churn");
    expected.put(Tables.MODEL_METRICS, "churn");
    expected.put(Tables.MODEL_CURVES, "churn");
    expected.put(Tables.TOUCHPOINT_KPIS, "kpis");
    expected.put(Tables.RUN_LOG, "run");
    assertEquals(expected, producers);
    assertEquals(
        "not a table of the data contract: scratch",
        assertThrows(IllegalArgumentException.class, () -> Tables.producer("scratch"))
            .getMessage());
  }

  @Test
  void everyTableButJourneyFeaturesHasAFixedSchema() {
    assertSame(Schemas.SURVEY_ANSWERS, Tables.schema(Tables.SURVEY_ANSWERS));
    assertSame(Schemas.BEHAVIOR_EVENTS, Tables.schema(Tables.BEHAVIOR_EVENTS));
    assertSame(Schemas.CUSTOMERS, Tables.schema(Tables.CUSTOMERS));
    assertSame(Schemas.REJECTED_RECORDS, Tables.schema(Tables.REJECTED_RECORDS));
    assertSame(Schemas.JOURNEY_STAGE_FACTS, Tables.schema(Tables.JOURNEY_STAGE_FACTS));
    assertSame(Schemas.CHURN_LABELS, Tables.schema(Tables.CHURN_LABELS));
    assertSame(Schemas.DRIVER_IMPORTANCE, Tables.schema(Tables.DRIVER_IMPORTANCE));
    assertSame(Schemas.METRIC_THRESHOLDS, Tables.schema(Tables.METRIC_THRESHOLDS));
    assertSame(Schemas.DRIVER_IMPACT, Tables.schema(Tables.DRIVER_IMPACT));
    assertSame(Schemas.CHURN_SCORES, Tables.schema(Tables.CHURN_SCORES));
    assertSame(Schemas.MODEL_METRICS, Tables.schema(Tables.MODEL_METRICS));
    assertSame(Schemas.MODEL_CURVES, Tables.schema(Tables.MODEL_CURVES));
    assertSame(Schemas.TOUCHPOINT_KPIS, Tables.schema(Tables.TOUCHPOINT_KPIS));
    assertSame(Schemas.RUN_LOG, Tables.schema(Tables.RUN_LOG));
    assertEquals(
        "no fixed schema for table journey_features (journey_features depends on the maps)",
        assertThrows(IllegalArgumentException.class, () -> Tables.schema(Tables.JOURNEY_FEATURES))
            .getMessage());
  }
}
