package io.cx.jobs.churn.importance;

import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.analytics.stats.Quadrant;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.model.Readiness;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * driver_importance rows with target {@code churn}, built by {@link ImportanceRow} as the drivers
 * job builds its own: one row per reported driver (touchpoint or metric) of one method and segment,
 * {@code status = estimated}; or, when no model was trained, one row with {@code method = none}, a
 * null driver and the status that says why. The IPA quadrant is given to touchpoints, with the
 * crosshair placed as for the drivers job's rows ({@link CrosshairRule}: the config's {@code
 * drivers.crosshair_*}, else the means of the touchpoints' shares and performances); kano_class,
 * r_squared and exact are not estimated for churn (null).
 */
public final class ChurnImportanceRows {
  public static final String TARGET = "churn";
  public static final String LOGIT = "logit";
  public static final String SHAP_GBT = "shap_gbt";

  private ChurnImportanceRows() {}

  public static List<Row> of(
      String journey,
      String method,
      String segment,
      List<DriverEstimate> estimates,
      CrosshairRule crosshair,
      String runId,
      LocalDate runDate) {
    List<DriverEstimate> tps =
        estimates.stream()
            .filter(e -> e.group().kind() == FeatureGroup.Kind.TOUCHPOINT)
            .filter(e -> e.performance() != null && !Double.isNaN(e.share()))
            .toList();
    Quadrant[] quadrants =
        crosshair.quadrants(
            tps.stream().mapToDouble(DriverEstimate::share).toArray(),
            tps.stream().mapToDouble(DriverEstimate::performance).toArray());
    List<Row> out = new ArrayList<>();
    for (DriverEstimate e : estimates) {
      int q = tps.indexOf(e);
      out.add(
          ImportanceRow.builder(journey, TARGET, segment, method, e.n())
              .driver(e.group().id(), e.group().kind().id())
              .importance(e.importance(), e.share())
              .interval(e.ciLow(), e.ciHigh(), e.ciReplicates())
              .pValue(e.pValue())
              .aboveNoise(e.aboveNoise())
              .direction(e.direction())
              .performance(e.performance())
              .quadrant(q >= 0 && quadrants[q] != null ? quadrants[q].id() : null)
              .nDriver(e.nDriver())
              .note(e.note())
              .build()
              .toRow(runId, runDate));
    }
    return out;
  }

  /** The row saying that no churn model was estimated for the journey, and why. */
  public static Row notEstimated(
      String journey, long n, Readiness.Problem problem, String runId, LocalDate runDate) {
    return ImportanceRow.notEstimated(
            journey, TARGET, Cols.ALL, n, problem.status(), problem.message())
        .toRow(runId, runDate);
  }
}
