package io.cx.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The one driver_importance row builder: column order, defaults, and what counts as no value. */
class ImportanceRowTest {
  static final LocalDate D = LocalDate.of(2024, 6, 30);

  private static Object at(Row r, String column) {
    return r.get(Schemas.DRIVER_IMPORTANCE.fieldIndex(column));
  }

  @Test
  void anEstimatedRowHasItsValuesInTheContractOrderAndNullForTheRest() {
    Row r =
        ImportanceRow.builder("shop", "satisfaction", "ALL", "lmg", 120)
            .driver("delivery", ImportanceRow.TOUCHPOINT)
            .importance(0.12, 0.4)
            .interval(0.3, 0.5, 200)
            .direction(1)
            .performance(0.8)
            .quadrant("keep_up")
            .nDriver(110)
            .fit(0.3, true)
            .build()
            .toRow("run-1", D);
    assertEquals(Schemas.DRIVER_IMPORTANCE.size(), r.size());
    assertEquals("shop", at(r, Cols.JOURNEY));
    assertEquals("satisfaction", at(r, Cols.TARGET));
    assertEquals("delivery", at(r, Cols.DRIVER));
    assertEquals("touchpoint", at(r, Cols.DRIVER_KIND));
    assertEquals(0.4, at(r, Cols.SHARE));
    assertEquals(200, at(r, Cols.CI_REPLICATES));
    assertEquals(120L, at(r, Cols.N));
    assertEquals(110L, at(r, Cols.N_DRIVER));
    assertEquals(true, at(r, Cols.EXACT));
    assertEquals("estimated", at(r, Cols.STATUS));
    assertNull(at(r, Cols.KANO_CLASS));
    assertNull(at(r, Cols.NOTE));
    assertNull(at(r, Cols.SHARE_MC_SE));
    assertEquals("run-1", at(r, Cols.RUN_ID));
    assertEquals(Date.valueOf(D), at(r, Cols.RUN_DATE));
  }

  @Test
  void nonFiniteNumbersAreNullAndAnIntervalWithoutLowerEndHasNoReplicates() {
    Row r =
        ImportanceRow.builder("shop", "churn", "ALL", "shap_gbt", 50)
            .importance(Double.NaN, Double.POSITIVE_INFINITY)
            .interval(Double.NaN, 0.5, 200)
            .performance(Double.NaN)
            .note("")
            .build()
            .toRow("run-1", D);
    assertNull(at(r, Cols.IMPORTANCE));
    assertNull(at(r, Cols.SHARE));
    assertNull(at(r, Cols.CI_LOW));
    assertEquals(0.5, at(r, Cols.CI_HIGH));
    assertNull(at(r, Cols.CI_REPLICATES));
    assertNull(at(r, Cols.PERFORMANCE));
    assertNull(at(r, Cols.NOTE));
  }

  @Test
  void aSegmentNotEstimatedIsOneRowWithMethodNoneAndItsReason() {
    ImportanceRow row =
        ImportanceRow.notEstimated("shop", "churn", "ALL", 12, "too_few_churners", "3 churners");
    assertEquals("none", row.get(Cols.METHOD));
    assertEquals("too_few_churners", row.get(Cols.STATUS));
    assertEquals("3 churners", row.get(Cols.NOTE));
    assertNull(row.get(Cols.DRIVER));
    assertEquals(12L, row.get(Cols.N));
  }
}
