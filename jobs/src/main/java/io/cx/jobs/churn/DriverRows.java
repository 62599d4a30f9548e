package io.cx.jobs.churn;

import io.cx.jobs.drivers.stats.Quadrant;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * driver_importance rows with target {@code churn}, one per driver of one method and segment. The
 * IPA quadrant is given to touchpoints, placed against the means of the touchpoints' shares and
 * performances (other drivers have no performance to place); kano_class is not estimated for churn.
 */
final class DriverRows {
  static final String TARGET = "churn";
  static final String LOGIT = "logit";
  static final String SHAP_GBT = "shap_gbt";

  private DriverRows() {}

  static List<Row> of(
      String journey,
      String method,
      String segment,
      List<DriverEstimate> estimates,
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
              finite(e.ciLow()),
              finite(e.ciHigh()),
              e.direction(),
              e.performance(),
              q >= 0 && quadrants[q] != null ? quadrants[q].id() : null,
              null,
              e.n(),
              date));
    }
    return out;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
