package io.cx.jobs.churn.model;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether a journey's labelled responses can support a churn model: enough churners overall, and
 * both classes in each part the training needs (fit, calibration, test). When they cannot, {@link
 * #problem} says why, as a stable status code (driver_importance.status of the journey's {@code
 * none} row) and in words for the run's message; no model is trained and no metric is made up.
 */
public final class Readiness {
  static final String NO_OBSERVED_HORIZON = "no_observed_horizon";
  static final String ONE_CLASS = "one_class";
  static final String TOO_FEW_CHURNERS = "too_few_churners";
  static final String PART_LACKS_CLASS = "part_lacks_class";

  /**
   * Why no model.
   *
   * @param status stable code
   * @param message what happened and what to do
   */
  public record Problem(String status, String message) {}

  private Readiness() {}

  /** Rows per part and class: part to {non-churners, churners}. */
  public static Map<String, long[]> counts(Dataset<Row> frame) {
    List<Row> rows =
        frame.groupBy(col(Splits.PART), col(ModelTraining.LABEL)).count().collectAsList();
    Map<String, long[]> out = new TreeMap<>();
    for (String part : List.of(Splits.FIT, Splits.CALIBRATION, Splits.TEST)) {
      out.put(part, new long[2]);
    }
    for (Row r : rows) {
      out.computeIfAbsent(r.getString(0), k -> new long[2])[r.getDouble(1) > 0.5 ? 1 : 0] +=
          r.getLong(2);
    }
    return out;
  }

  /** Whether the fit and calibration parts both hold churners and non-churners. */
  public static boolean trainable(Dataset<Row> frame) {
    Map<String, long[]> c = counts(frame);
    return both(c.get(Splits.FIT)) && both(c.get(Splits.CALIBRATION));
  }

  private static boolean both(long[] c) {
    return c[0] > 0 && c[1] > 0;
  }

  /**
   * Why no model can be trained, or null when one can.
   *
   * @param churners churners among the labelled responses
   * @param responses labelled responses
   * @param minChurners churn.min_churners
   * @param counts {@link #counts} of the split frame, or null when not split yet
   */
  public static Problem problem(
      long churners, long responses, int minChurners, Map<String, long[]> counts) {
    if (responses == 0) {
      return new Problem(
          NO_OBSERVED_HORIZON,
          "no response has a fully observed churn horizon yet (churn_labels.observed); wait"
              + " until the first horizons end");
    }
    if (churners == 0) {
      return problem(
          ONE_CLASS,
          "none of the %d observed responses is a churner (one class only); check the journey's"
              + " churn rule, or wait for more observed horizons",
          responses);
    }
    if (churners == responses) {
      return problem(
          ONE_CLASS,
          "all %d observed responses are churners (one class only); check the churn rule",
          responses);
    }
    if (churners < minChurners) {
      return problem(
          TOO_FEW_CHURNERS,
          "%d churners among %d observed responses, fewer than churn.min_churners (%d); wait for"
              + " more observed horizons or lower churn.min_churners",
          churners,
          responses,
          minChurners);
    }
    if (counts != null) {
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        if (!both(e.getValue())) {
          return problem(
              PART_LACKS_CLASS,
              "the %s part has %d churners and %d non-churners, it needs both; change"
                  + " churn.test_share or churn.calibration_share, or wait for more data",
              e.getKey(),
              e.getValue()[1],
              e.getValue()[0]);
        }
      }
    }
    return null;
  }

  private static Problem problem(String status, String format, Object... args) {
    return new Problem(status, String.format(Locale.ROOT, format, args));
  }
}
