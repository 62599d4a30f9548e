package io.cx.jobs.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import org.junit.jupiter.api.Test;

/**
 * docs/data-contract.md section 6 documents the fuse tables as Schemas and FeatureColumns define
 * them.
 */
class FuseDocumentedSchemasTest {
  static final JourneyMap ONE =
      TestData.journey(
          """
          journey: one
          stages:
            - id: s1
              touchpoints: [{id: a}, {id: b}]
              metrics: [{id: c, events: [x], agg: p90}]
          questions:
            q_a: {touchpoint: a, kind: csat, scale: [1, 5]}
            q_b: {touchpoint: b, kind: csat, scale: [1, 5]}
            q_nps: {kind: nps, scale: [0, 10]}
          outcomes: {recommend: q_nps}
          """);

  @Test
  void stageFactsAndChurnLabelsAreDocumentedAsDefined() {
    var doc = ContractDoc.schemas();
    assertEquals(ContractDoc.describe(Schemas.JOURNEY_STAGE_FACTS), doc.get("journey_stage_facts"));
    assertEquals(ContractDoc.describe(Schemas.CHURN_LABELS), doc.get("churn_labels"));
  }

  @Test
  void featuresAreDocumentedAsDefinedWithOneColumnPerTouchpointAndMetric() {
    assertEquals(ContractDoc.describe(FeatureColumns.schemaOf(ONE)), ContractDoc.features(ONE));
    assertEquals(java.util.List.of("tp_a", "tp_b", "m_c"), FeatureColumns.driverColumns(ONE));
  }
}
