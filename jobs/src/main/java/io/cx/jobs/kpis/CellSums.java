package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.cx.common.contract.Cols;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The six additive sums of every cell and period: n (answers), sum w, sum w^2, sum w*y, sum w^2*y
 * and sum w^2*y^2. Every value, margin of error, norm and test of the table derives from them
 * ({@link KpiValues}), and they add up: days are summed into ISO weeks and months, and periods into
 * a norm's history, instead of aggregating the answers again.
 */
final class CellSums {
  static final String SW = "_sw";
  static final String SW2 = "_sw2";
  static final String SWY = "_swy";
  static final String SW2Y = "_sw2y";
  static final String SW2Y2 = "_sw2y2";

  /** Consecutive integers for consecutive periods of one grain (see {@link Grain#index}). */
  static final String INDEX = "_period_index";

  /** The sums, n first. */
  static final List<String> SUMS = List.of(Cols.N, SW, SW2, SWY, SW2Y, SW2Y2);

  /** The columns that name a cell within a journey, period aside. */
  static final List<String> CUT =
      List.of(Cols.METRIC, Cols.STAGE, Cols.TOUCHPOINT, Cols.SEGMENT, Cols.CHANNEL);

  private CellSums() {}

  /**
   * Sums per journey, local day, metric, stage and touchpoint, with the ALL roll-ups of segment and
   * channel in one pass ({@code GROUP BY ..., CUBE(segment, channel)}).
   *
   * @param cells from {@link KpiAnswers#toCells}
   */
  static Dataset<Row> daily(Dataset<Row> cells) {
    String view = "kpi_cells_" + UUID.randomUUID().toString().replace('-', '_');
    cells.createOrReplaceTempView(view);
    try {
      String sql =
          String.format(
              "SELECT %1$s, %2$s, %3$s, %4$s, %5$s,"
                  + " CASE WHEN grouping(%6$s) = 1 THEN '%8$s' ELSE %6$s END AS %6$s,"
                  + " CASE WHEN grouping(%7$s) = 1 THEN '%8$s' ELSE %7$s END AS %7$s,"
                  + " count(*) AS %9$s, sum(%10$s) AS %12$s, sum(%10$s * %10$s) AS %13$s,"
                  + " sum(%10$s * %11$s) AS %14$s, sum(%10$s * %10$s * %11$s) AS %15$s,"
                  + " sum(%10$s * %10$s * %11$s * %11$s) AS %16$s"
                  + " FROM %17$s"
                  + " GROUP BY %1$s, %2$s, %3$s, %4$s, %5$s, CUBE(%6$s, %7$s)",
              Cols.JOURNEY,
              KpiAnswers.DAY,
              Cols.METRIC,
              Cols.STAGE,
              Cols.TOUCHPOINT,
              Cols.SEGMENT,
              Cols.CHANNEL,
              Cols.ALL,
              Cols.N,
              KpiAnswers.W,
              KpiAnswers.Y,
              SW,
              SW2,
              SWY,
              SW2Y,
              SW2Y2,
              view);
      // The plan is analysed here, so the view can go at once.
      return cells.sparkSession().sql(sql);
    } finally {
      cells.sparkSession().catalog().dropTempView(view);
    }
  }

  /**
   * The daily sums added up into the periods of each grain. Columns: journey, period_grain,
   * period_start, {@link #INDEX}, the cut columns and the sums.
   */
  static Dataset<Row> byPeriod(Dataset<Row> daily, List<Grain> grains) {
    Column day = col(KpiAnswers.DAY);
    Column[] periods =
        grains.stream()
            .map(
                g ->
                    struct(
                        lit(g.id()).as(Cols.PERIOD_GRAIN),
                        g.start(day).as(Cols.PERIOD_START),
                        g.index(g.start(day)).as(INDEX)))
            .toArray(Column[]::new);
    Dataset<Row> exploded = daily.withColumn("_period", explode(array(periods)));
    Column[] keys =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    col(Cols.JOURNEY),
                    col("_period." + Cols.PERIOD_GRAIN).as(Cols.PERIOD_GRAIN),
                    col("_period." + Cols.PERIOD_START).as(Cols.PERIOD_START),
                    col("_period." + INDEX).as(INDEX)),
                CUT.stream().map(c -> col(c)))
            .toArray(Column[]::new);
    Column first = sum(col(Cols.N)).as(Cols.N);
    Column[] rest = SUMS.stream().skip(1).map(s -> sum(col(s)).as(s)).toArray(Column[]::new);
    return exploded.groupBy(keys).agg(first, rest);
  }
}
