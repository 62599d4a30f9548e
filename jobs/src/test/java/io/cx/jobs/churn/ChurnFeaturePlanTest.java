package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.BadConfigException;
import io.cx.common.journey.JourneyMap;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.testing.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The churn model's features follow the journey map, with explicit not-answered indicators. */
class ChurnFeaturePlanTest {
  static JourneyMap journey(Path dir, String yaml) {
    Workspace w = new Workspace(dir);
    w.write("journey.yaml", yaml);
    return w.load().journeys().get(0);
  }

  @Test
  void featuresComeFromTheJourneyMap(@TempDir Path dir) {
    FeaturePlan plan = FeaturePlan.of(journey(dir, SimulatedChurn.JOURNEY));
    Vectorizer v =
        new Vectorizer(
            plan.inputs(), new double[plan.inputs().size()], List.of("business", "consumer"));
    assertEquals(
        List.of(
            "tp_checkout",
            "tp_checkout:missing",
            "tp_delivery",
            "tp_delivery:missing",
            "tp_support",
            "tp_support:missing",
            "m_payment_errors",
            "m_delay_hours",
            "m_delay_hours:missing",
            "satisfaction",
            "satisfaction:missing",
            "recommend",
            "recommend:missing",
            "tenure_days",
            "tenure_days:missing",
            "annual_value",
            "annual_value:missing",
            "segment=business",
            "segment=consumer"),
        v.featureNames());
    assertEquals(
        List.of(
            "checkout",
            "delivery",
            "support",
            "payment_errors",
            "delay_hours",
            "satisfaction",
            "recommend",
            "tenure",
            "annual_value",
            "segment"),
        v.groups().stream().map(FeatureGroup::id).toList());
    assertEquals("touchpoint", v.groups().get(0).kind().id());
    assertEquals("metric", v.groups().get(3).kind().id());
    assertEquals(-1, v.groups().get(9).valueFeature());
  }

  @Test
  void aMissingAnswerIsTheTrainingMeanWithItsIndicatorNeverAZero(@TempDir Path dir) {
    var rows = new SimulatedChurn(400, -1.6, 3);
    var df = SharedSpark.get().createDataFrame(rows.features, SimulatedChurn.FEATURES);
    Vectorizer v = FeaturePlan.of(journey(dir, SimulatedChurn.JOURNEY)).fit(df);
    double deliveryMean =
        rows.features.stream()
            .filter(r -> !r.isNullAt(14))
            .mapToDouble(r -> r.getDouble(14))
            .average()
            .orElseThrow();
    assertEquals(deliveryMean, v.means()[1], 1e-12);
    double[] raw = new double[v.inputs().size()];
    java.util.Arrays.fill(raw, 0.5);
    raw[1] = Double.NaN;
    double[] x = v.vector(raw, "consumer");
    assertEquals(deliveryMean, x[2], 1e-12);
    assertEquals(1.0, x[3]);
    assertEquals(0.5, x[0]);
    assertEquals(0.0, x[1]);
    // recommend is read on 0..1.
    assertEquals(0.05, x[11], 1e-12);
    assertArrayEquals(
        new double[] {0, 1, 0}, java.util.Arrays.copyOfRange(x, x.length - 3, x.length));
    double[] unknownSegment = v.vector(raw, "nobody");
    assertEquals(
        0.0,
        unknownSegment[x.length - 1] + unknownSegment[x.length - 2] + unknownSegment[x.length - 3]);
    assertTrue(v.segmentLevels().containsAll(List.of("business", "consumer", "unknown")));
  }

  @Test
  void aDriverIdThatClashesWithAModelInputIsAConfigProblem(@TempDir Path dir) {
    JourneyMap j =
        journey(
            dir,
            SimulatedChurn.JOURNEY
                .replace("id: support", "id: tenure")
                .replace("touchpoint: support", "touchpoint: tenure"));
    BadConfigException e = assertThrows(BadConfigException.class, () -> FeaturePlan.of(j));
    assertTrue(
        e.getMessage().contains("'tenure' is also the name of a churn model input"),
        e.getMessage());
  }
}
