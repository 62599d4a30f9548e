package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Steps;
import io.cx.jobs.analytics.ImportanceRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver job's transform, a function of DataFrames: from the run's journey_features rows to the
 * driver_importance and metric_thresholds rows. It reads as the job runs:
 *
 * <ol>
 *   <li>check the input's columns against the journey maps;
 *   <li>count responses per segment ({@link InputProfile}): one aggregate;
 *   <li>lmg and relative_weight with bootstrap intervals, Kano classes and the facts every method
 *       shares, in one distributed pass ({@link LinearPass});
 *   <li>shap_gbt per journey and target ({@link ShapDrivers});
 *   <li>metric thresholds ({@link ThresholdSearch}).
 * </ol>
 *
 * Only results (a few rows per segment and driver) reach the driver program.
 */
public final class DriverAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(DriverAnalysis.class);

  /** Most responses of a segment estimated in one piece by one task. */
  static final int CHUNK_ROWS = 50_000;

  private DriverAnalysis() {}

  /**
   * What the transform produced.
   *
   * @param importance driver_importance rows ({@code Schemas.DRIVER_IMPORTANCE})
   * @param thresholds metric_thresholds rows ({@code Schemas.METRIC_THRESHOLDS})
   * @param rowsRead input rows of the run's journeys
   * @param notes sentences for the job's note: what was estimated, what was not and why
   */
  public record Result(
      Dataset<Row> importance, Dataset<Row> thresholds, long rowsRead, List<String> notes) {}

  /**
   * @param features journey_features rows of the run date (rows of other journeys are ignored)
   */
  public static Result run(
      Dataset<Row> features,
      List<JourneyMap> journeys,
      DriverOptions options,
      String runId,
      LocalDate runDate) {
    return run(features, journeys, options, runId, runDate, CHUNK_ROWS);
  }

  static Result run(
      Dataset<Row> features,
      List<JourneyMap> journeys,
      DriverOptions options,
      String runId,
      LocalDate runDate,
      int chunkRows) {
    List<JourneyLayout> layouts = journeys.stream().map(JourneyLayout::of).toList();
    Dataset<Row> rows = prepare(features, layouts);
    SparkSession spark = features.sparkSession();
    rows.persist(StorageLevel.MEMORY_AND_DISK());
    try (Steps steps = Steps.of(spark, DriversJob.NAME)) {
      steps.start("count responses per segment");
      InputProfile profile = InputProfile.of(rows, layouts);

      if (profile.rows() == 0) {
        return new Result(
            spark.createDataFrame(List.of(), Schemas.DRIVER_IMPORTANCE),
            spark.createDataFrame(List.of(), Schemas.METRIC_THRESHOLDS),
            0,
            List.of());
      }
      steps.start(
          "sufficient statistics and "
              + options.replicates()
              + " bootstrap replicates per segment, estimated where they are (one pass)");
      List<SegmentEstimate> estimates = LinearPass.run(rows, layouts, profile, options, chunkRows);
      List<ImportanceRow> driverRows = new ArrayList<>();
      estimates.forEach(e -> driverRows.addAll(e.rows()));
      if (options.runs(DriverOptions.SHAP_GBT)) {
        for (JourneyLayout layout : layouts) {
          for (Target t : Target.values()) {
            Map<String, SegmentEstimate> mine = bySegment(estimates, layout.journey(), t);
            steps.start("shap_gbt for " + layout.journey() + ", " + t.id());
            driverRows.addAll(
                ShapDrivers.estimate(
                    rows,
                    layout,
                    t,
                    mine,
                    profile.metricMin().getOrDefault(layout.journey(), Map.of()),
                    options));
          }
        }
      }
      steps.start("metric thresholds");
      List<Row> thresholds = ThresholdSearch.run(rows, layouts, profile, options, runId, runDate);
      steps.end();

      List<Row> importance = new ArrayList<>(driverRows.size());
      driverRows.forEach(r -> importance.add(r.toRow(runId, runDate)));
      return new Result(
          spark.createDataFrame(importance, Schemas.DRIVER_IMPORTANCE),
          spark.createDataFrame(thresholds, Schemas.METRIC_THRESHOLDS),
          profile.rows(),
          notes(estimates, thresholds, options));
    } finally {
      rows.unpersist();
    }
  }

  /**
   * The rows of the run's journeys with the columns the job reads (segment null becomes {@code
   * unknown}). The job checks the table against the contract before ({@link DriversJob}).
   */
  static Dataset<Row> prepare(Dataset<Row> features, List<JourneyLayout> layouts) {
    Set<String> columns = new LinkedHashSet<>();
    columns.add(Cols.RESPONSE_ID);
    columns.add(Cols.CUSTOMER_ID);
    columns.add(Cols.JOURNEY);
    columns.add(Cols.SEGMENT);
    columns.add(Cols.WEIGHT);
    for (Target t : Target.values()) {
      columns.add(t.column());
    }
    layouts.forEach(l -> columns.addAll(l.touchpointColumns()));
    layouts.forEach(l -> columns.addAll(l.metricColumns()));
    List<Column> select = new ArrayList<>();
    for (String c : columns) {
      select.add(
          c.equals(Cols.SEGMENT)
              ? coalesce(col(c), lit(FeatureColumns.UNKNOWN_SEGMENT)).as(c)
              : col(c));
    }
    List<String> ids = layouts.stream().map(JourneyLayout::journey).toList();
    return features
        .where(col(Cols.JOURNEY).isin(ids.toArray()))
        .select(select.toArray(new Column[0]));
  }

  private static Map<String, SegmentEstimate> bySegment(
      List<SegmentEstimate> estimates, String journey, Target t) {
    Map<String, SegmentEstimate> out = new TreeMap<>();
    for (SegmentEstimate e : estimates) {
      if (e.journey().equals(journey) && e.target() == t) {
        out.put(e.segment(), e);
      }
    }
    return out;
  }

  /** What the job tells the user: per journey and target, what was estimated and what was not. */
  static List<String> notes(
      List<SegmentEstimate> estimates, List<Row> thresholds, DriverOptions o) {
    List<String> notes = new ArrayList<>();
    Map<String, List<SegmentEstimate>> groups = new TreeMap<>();
    for (SegmentEstimate e : estimates) {
      groups.computeIfAbsent(e.journey() + " " + e.target().id(), k -> new ArrayList<>()).add(e);
    }
    groups.forEach(
        (key, list) -> {
          List<String> skipped = new ArrayList<>();
          int segments = 0;
          int estimated = 0;
          boolean all = false;
          for (SegmentEstimate e : list) {
            if (Cols.ALL.equals(e.segment())) {
              all = e.estimated();
            } else {
              segments++;
              estimated += e.estimated() ? 1 : 0;
            }
            if (!e.estimated()) {
              skipped.add(
                  e.segment() + " (" + e.rows().get(0).get(Cols.STATUS) + ", n=" + e.n() + ")");
            }
          }
          StringBuilder sb = new StringBuilder("drivers " + key + ": ");
          sb.append(all ? "ALL and " : "not ALL, ").append(estimated).append(" of ");
          sb.append(segments).append(" segments estimated");
          if (!skipped.isEmpty()) {
            sb.append("; not estimated: ");
            sb.append(String.join(", ", skipped.subList(0, Math.min(10, skipped.size()))));
            if (skipped.size() > 10) {
              sb.append(" and ").append(skipped.size() - 10).append(" more");
            }
            sb.append(" (rows with method 'none' in driver_importance; min_n ")
                .append(o.minN())
                .append(", min_n_segment ")
                .append(o.minNSegment())
                .append(")");
          }
          notes.add(sb.append('.').toString());
        });
    long found = ThresholdSearch.found(thresholds);
    long linear = ThresholdSearch.count(thresholds, ThresholdRow.NO_TIPPING_POINT);
    notes.add(
        "metric_thresholds: "
            + found
            + " of "
            + thresholds.size()
            + " metric and touchpoint pairs with a tipping point (q_step <= "
            + o.thresholdAlpha()
            + ", Benjamini-Hochberg across the run's pairs); "
            + linear
            + " more where the score falls with the metric without one.");
    return notes;
  }
}
