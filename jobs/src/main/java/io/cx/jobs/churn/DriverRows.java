package io.cx.jobs.churn;

import io.cx.common.contract.Cols;
import io.cx.jobs.drivers.stats.Quadrant;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * driver_importance rows with target {@code churn}, in the column order of {@code
 * Schemas.DRIVER_IMPORTANCE} (shared with the drivers job, whose conventions they follow): one row
 * per reported driver (touchpoint or metric) of one method and segment, {@code status = estimated};
 * or, when no model was trained, one row with {@code method = none}, a null driver and the status
 * that says why. The IPA quadrant is given to touchpoints, against the means of the touchpoints'
 * shares and performances; kano_class, r_squared and exact are not estimated for churn (null).
 */
final class DriverRows {
  static final String TARGET = "churn";
  static final String LOGIT = "logit";
  static final String SHAP_GBT = "shap_gbt";
  static final String NO_METHOD = "none";
  static final String ESTIMATED = "estimated";

  private DriverRows() {}

  static List<Row> of(
      String journey,
      String method,
      String segment,
      List<DriverEstimate> estimates,
      String runId,
      LocalDate runDate) {
    List<DriverEstimate> tps =
        estimates.stream()
            .filter(e -> e.group().kind() == FeatureGroup.Kind.TOUCHPOINT)
            .filter(e -> e.performance() != null && !Double.isNaN(e.share()))
            .toList();
    Quadrant[] quadrants = new Quadrant[0];
    if (!tps.isEmpty()) {
      quadrants =
          Quadrant.of(
              tps.stream().mapToDouble(DriverEstimate::share).toArray(),
              tps.stream().mapToDouble(DriverEstimate::performance).toArray());
    }
    Date date = Date.valueOf(runDate);
    List<Row> out = new ArrayList<>();
    for (DriverEstimate e : estimates) {
      int q = tps.indexOf(e);
      Double low = finite(e.ciLow());
      out.add(
          RowFactory.create(
              journey,
              TARGET,
              segment,
              e.group().id(),
              e.group().kind().id(),
              method,
              finite(e.importance()),
              finite(e.share()),
              low,
              finite(e.ciHigh()),
              low == null ? null : e.ciReplicates(),
              e.direction(),
              e.performance(),
              q >= 0 && quadrants[q] != null ? quadrants[q].id() : null,
              null,
              e.n(),
              e.nDriver(),
              null,
              null,
              ESTIMATED,
              null,
              runId,
              date));
    }
    return out;
  }

  /** The row saying that no churn model was estimated for the journey, and why. */
  static Row notEstimated(
      String journey, long n, Readiness.Problem problem, String runId, LocalDate runDate) {
    return RowFactory.create(
        journey,
        TARGET,
        Cols.ALL,
        null,
        null,
        NO_METHOD,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        n,
        null,
        null,
        null,
        problem.status(),
        problem.message(),
        runId,
        Date.valueOf(runDate));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
