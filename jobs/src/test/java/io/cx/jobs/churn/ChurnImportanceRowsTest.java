package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import io.cx.jobs.churn.importance.DriverEstimate;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Churn's driver_importance rows place touchpoints in quadrants by the drivers job's rule. */
class ChurnImportanceRowsTest {
  private static DriverEstimate touchpoint(String id, double share, double performance) {
    return new DriverEstimate(
        new FeatureGroup(id, FeatureGroup.Kind.TOUCHPOINT, new int[] {0}, 0),
        share,
        share,
        Double.NaN,
        Double.NaN,
        null,
        null,
        null,
        1,
        performance,
        100,
        100,
        null);
  }

  private static List<String> quadrants(CrosshairRule rule) {
    List<DriverEstimate> estimates =
        List.of(
            touchpoint("checkout", 0.5, 0.4),
            touchpoint("delivery", 0.3, 0.8),
            touchpoint("support", 0.2, 0.9),
            new DriverEstimate(
                new FeatureGroup("payment_errors", FeatureGroup.Kind.METRIC, new int[] {1}, 1),
                0.1,
                0.1,
                Double.NaN,
                Double.NaN,
                null,
                null,
                null,
                1,
                null,
                100,
                100,
                null));
    List<Row> rows =
        ChurnImportanceRows.of(
            "shop",
            ChurnImportanceRows.SHAP_GBT,
            Cols.ALL,
            estimates,
            rule,
            "run",
            LocalDate.of(2024, 6, 30));
    int quadrant = Schemas.DRIVER_IMPORTANCE.fieldIndex(Cols.QUADRANT);
    assertNull(rows.get(3).get(quadrant), "a metric has no quadrant");
    return rows.subList(0, 3).stream().map(r -> r.getString(quadrant)).toList();
  }

  @Test
  void theCrosshairIsAtTheMeansUnlessTheDriversSectionFixesIt() {
    // Means 1/3 and 0.7 (see CrosshairRuleTest for the same numbers by hand).
    assertEquals(
        List.of("concentrate_here", "possible_overkill", "possible_overkill"),
        quadrants(CrosshairRule.MEANS));
    assertEquals(
        List.of("concentrate_here", "concentrate_here", "keep_up"),
        quadrants(new CrosshairRule(0.1, 0.85)));
  }
}
