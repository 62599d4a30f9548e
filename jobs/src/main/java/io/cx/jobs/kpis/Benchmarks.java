package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cx.common.contract.Cols;
import io.cx.common.error.InputRejectedException;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * External benchmarks (e.g. an industry norm database) shown beside our own norm. Input columns:
 * touchpoint, stage, metric, segment, value, source. A row names a touchpoint (its stage follows
 * from the journey map), or a stage (with touchpoint empty or ALL: the stage's roll-up), or neither
 * (the journey level, ALL/ALL); segment empty or ALL is the ALL segment. The value is in the
 * metric's unit (csat and top2box 0..1, nps -100..100, ces the effort question's raw scale). A
 * benchmark applies to its cell in every channel. benchmark_gap = value - benchmark (positive: we
 * do better).
 *
 * <p>Rows that name no cell of the config's journeys (unknown metric, touchpoint or stage, nps or
 * ces below the journey level, a value that is not a number) are ignored and counted in the run's
 * note. Two rows for the same cell are a contradiction the job cannot settle: the run fails with
 * exit code 3 and names them.
 */
final class Benchmarks {
  /**
   * One benchmark, keyed like the cells it applies to.
   *
   * @param journey journey id
   * @param stage stage of the cell, or ALL
   * @param touchpoint touchpoint of the cell, or ALL
   * @param segment segment of the cell, or ALL
   * @param metric metric id
   * @param value the benchmark value
   * @param source where it comes from, or null
   */
  record Benchmark(
      String journey,
      String stage,
      String touchpoint,
      String segment,
      String metric,
      double value,
      String source) {}

  private Benchmarks() {}

  /** The input columns, lower case. */
  static final List<String> COLUMNS =
      List.of(Cols.TOUCHPOINT, Cols.STAGE, Cols.METRIC, Cols.SEGMENT, Cols.VALUE, Cols.SOURCE);

  /**
   * What came of the input rows.
   *
   * @param used the benchmarks, one per journey cell they apply to
   * @param ignored count of ignored rows per reason
   * @param read rows read
   */
  record Resolution(List<Benchmark> used, Map<String, Integer> ignored, int read) {
    String note() {
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "benchmarks: %d rows read, %d cells benchmarked",
                  read,
                  used.size()));
      if (!ignored.isEmpty()) {
        sb.append("; ignored: ");
        List<String> parts = new ArrayList<>();
        ignored.forEach((reason, count) -> parts.add(reason + " (" + count + ")"));
        sb.append(String.join("; ", parts));
      }
      return sb.append('.').toString();
    }
  }

  /**
   * Matches the input rows, as text in the order of {@link #COLUMNS} (null for an empty or missing
   * column), to the journeys' cells.
   */
  static Resolution resolve(List<List<String>> rows, List<JourneyMap> journeys) {
    Map<String, Benchmark> byCell = new LinkedHashMap<>();
    Map<String, Integer> ignored = new TreeMap<>();
    for (List<String> r : rows) {
      String touchpoint = rollUp(r.get(0));
      String stage = rollUp(r.get(1));
      String metricText = r.get(2) == null ? "" : r.get(2).trim().toLowerCase(Locale.ROOT);
      String segment = rollUp(r.get(3));
      String source = blankToNull(r.get(5));
      Optional<KpiMetric> metric = KpiMetric.of(metricText);
      Double value = number(r.get(4));
      if (metric.isEmpty()) {
        ignored.merge(
            "metric '" + metricText + "' is not csat, top2box, nps or ces", 1, Integer::sum);
        continue;
      }
      if (value == null) {
        ignored.merge("value is not a number", 1, Integer::sum);
        continue;
      }
      boolean journeyLevel = touchpoint.equals(Cols.ALL) && stage.equals(Cols.ALL);
      if (!journeyLevel && (metric.get() == KpiMetric.NPS || metric.get() == KpiMetric.CES)) {
        ignored.merge(
            metric.get().id() + " is only computed at the journey level (stage and touchpoint ALL)",
            1,
            Integer::sum);
        continue;
      }
      List<String[]> cells = cells(journeys, stage, touchpoint);
      if (cells.isEmpty()) {
        ignored.merge(
            touchpoint.equals(Cols.ALL)
                ? "stage '" + stage + "' is not a stage of the journeys"
                : "touchpoint '"
                    + touchpoint
                    + "' is not a touchpoint of the journeys"
                    + (stage.equals(Cols.ALL) ? "" : " in stage '" + stage + "'"),
            1,
            Integer::sum);
        continue;
      }
      for (String[] c : cells) {
        Benchmark b = new Benchmark(c[0], c[1], c[2], segment, metric.get().id(), value, source);
        String key = String.join("/", c[0], c[1], c[2], segment, b.metric());
        Benchmark before = byCell.putIfAbsent(key, b);
        if (before != null) {
          throw new InputRejectedException(
              "benchmarks: two rows for journey "
                  + c[0]
                  + ", stage "
                  + c[1]
                  + ", touchpoint "
                  + c[2]
                  + ", segment "
                  + segment
                  + ", metric "
                  + b.metric()
                  + " (sources "
                  + before.source()
                  + " and "
                  + source
                  + "); keep one row per cell");
        }
      }
    }
    return new Resolution(List.copyOf(byCell.values()), ignored, rows.size());
  }

  /** (journey, stage, touchpoint) of the cells a benchmark row names. */
  private static List<String[]> cells(List<JourneyMap> journeys, String stage, String touchpoint) {
    List<String[]> out = new ArrayList<>();
    for (JourneyMap j : journeys) {
      if (!touchpoint.equals(Cols.ALL)) {
        Optional<Stage> s = j.stageOfTouchpoint(touchpoint);
        if (s.isPresent() && (stage.equals(Cols.ALL) || stage.equals(s.get().id()))) {
          out.add(new String[] {j.id(), s.get().id(), touchpoint});
        }
      } else if (!stage.equals(Cols.ALL)) {
        if (j.stages().stream().anyMatch(s -> s.id().equals(stage))) {
          out.add(new String[] {j.id(), stage, Cols.ALL});
        }
      } else {
        out.add(new String[] {j.id(), Cols.ALL, Cols.ALL});
      }
    }
    return out;
  }

  private static String rollUp(String s) {
    String t = blankToNull(s);
    return t == null || t.equalsIgnoreCase(Cols.ALL) ? Cols.ALL : t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static Double number(String s) {
    try {
      double d = Double.parseDouble(s == null ? "" : s.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final String B = "_b_";

  /** The benchmarks as a table keyed like the cells (columns prefixed {@code _b_}). */
  static Dataset<Row> table(SparkSession spark, List<Benchmark> used) {
    StructType schema =
        new StructType()
            .add(B + Cols.JOURNEY, DataTypes.StringType, false)
            .add(B + Cols.STAGE, DataTypes.StringType, false)
            .add(B + Cols.TOUCHPOINT, DataTypes.StringType, false)
            .add(B + Cols.SEGMENT, DataTypes.StringType, false)
            .add(B + Cols.METRIC, DataTypes.StringType, false)
            .add(Cols.BENCHMARK, DataTypes.DoubleType, false)
            .add(Cols.BENCHMARK_SOURCE, DataTypes.StringType, true);
    List<Row> rows =
        used.stream()
            .map(
                b ->
                    RowFactory.create(
                        b.journey(),
                        b.stage(),
                        b.touchpoint(),
                        b.segment(),
                        b.metric(),
                        b.value(),
                        b.source()))
            .toList();
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Adds benchmark, benchmark_source and benchmark_gap to KPI rows; null where no benchmark applies
   * (or, for the gap, where the value is suppressed).
   *
   * @param table from {@link #table}, or null when there are no benchmarks
   */
  static Dataset<Row> attach(Dataset<Row> kpis, Dataset<Row> table) {
    if (table == null) {
      return kpis.withColumn(Cols.BENCHMARK, lit(null).cast(DataTypes.DoubleType))
          .withColumn(Cols.BENCHMARK_SOURCE, lit(null).cast(DataTypes.StringType))
          .withColumn(Cols.BENCHMARK_GAP, lit(null).cast(DataTypes.DoubleType));
    }
    var on =
        col(Cols.JOURNEY)
            .equalTo(col(B + Cols.JOURNEY))
            .and(col(Cols.STAGE).equalTo(col(B + Cols.STAGE)))
            .and(col(Cols.TOUCHPOINT).equalTo(col(B + Cols.TOUCHPOINT)))
            .and(col(Cols.SEGMENT).equalTo(col(B + Cols.SEGMENT)))
            .and(col(Cols.METRIC).equalTo(col(B + Cols.METRIC)));
    return kpis.join(broadcast(table), on, "left")
        .withColumn(Cols.BENCHMARK_GAP, col(Cols.VALUE).minus(col(Cols.BENCHMARK)))
        .drop(
            B + Cols.JOURNEY,
            B + Cols.STAGE,
            B + Cols.TOUCHPOINT,
            B + Cols.SEGMENT,
            B + Cols.METRIC);
  }
}
