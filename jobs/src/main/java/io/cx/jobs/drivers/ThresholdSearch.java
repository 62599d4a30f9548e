package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.stats.PoissonWeights;
import io.cx.jobs.drivers.thresholds.ThresholdFinder;
import io.cx.jobs.drivers.thresholds.ThresholdResult;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * metric_thresholds: for every objective metric and every touchpoint of the same stage, where the
 * metric starts to hurt the touchpoint's score ({@link ThresholdFinder}: best single split over the
 * 5 %..95 % quantiles, permutation p-value of the maximum).
 *
 * <p>One pass: each response gives a (metric, score) point to every pair where it has both values;
 * a pair with more than {@code drivers.threshold_sample} such responses keeps a deterministic
 * sample, the responses with the smallest hash of their response_id (the same responses on every
 * run, whatever the partitioning). The points are grouped by pair and each pair is searched on an
 * executor. The search is unweighted: it compares mean scores of responses, not of customers.
 *
 * <p>A row has a threshold only when a split was found with a p-value at most {@code
 * drivers.threshold_alpha} (status {@code found}). Otherwise threshold and the columns describing
 * the split are null and status says why: {@code not_significant} (the best split is in the note),
 * {@code too_few_rows} (fewer than {@value ThresholdFinder#DEFAULT_MIN_SIDE} on each side
 * possible), {@code constant_metric}, {@code no_balanced_split} (too many ties), {@code no_drop}
 * (the score is never lower above a candidate than below it).
 */
final class ThresholdSearch {
  static final String FOUND = "found";
  static final String NOT_SIGNIFICANT = "not_significant";

  private ThresholdSearch() {}

  /** A pair of one journey. */
  record PairRef(String journey, JourneyLayout.StagePair pair) implements Serializable {}

  /** The metric_thresholds rows, in the column order of {@code Schemas.METRIC_THRESHOLDS}. */
  static List<Row> run(
      Dataset<Row> rows,
      List<JourneyLayout> layouts,
      InputProfile profile,
      DriverOptions o,
      String runId,
      LocalDate runDate) {
    List<PairRef> pairs = new ArrayList<>();
    List<Long> available = new ArrayList<>();
    JavaPairRDD<Integer, double[]> points = null;
    for (JourneyLayout layout : layouts) {
      int first = pairs.size();
      double[] rate = new double[layout.pairs().size()];
      for (int p = 0; p < rate.length; p++) {
        JourneyLayout.StagePair pair = layout.pairs().get(p);
        long n = profile.pairCounts().get(layout.journey()).getOrDefault(pair, 0L);
        pairs.add(new PairRef(layout.journey(), pair));
        available.add(n);
        rate[p] = n <= o.thresholdSample() ? 1.0 : Math.min(1.0, 1.05 * o.thresholdSample() / n);
      }
      if (rate.length == 0) {
        continue;
      }
      List<Column> cols = new ArrayList<>();
      cols.add(col(Cols.RESPONSE_ID));
      for (JourneyLayout.StagePair pair : layout.pairs()) {
        cols.add(col(FeatureNames.metric(pair.metric())).cast("double"));
        cols.add(col(FeatureNames.touchpoint(pair.touchpoint())).cast("double"));
      }
      JavaPairRDD<Integer, double[]> part =
          rows.where(col(Cols.JOURNEY).equalTo(layout.journey()))
              .select(cols.toArray(new Column[0]))
              .toJavaRDD()
              .flatMapToPair(new Points(first, rate));
      points = points == null ? part : points.union(part);
    }
    Search search = new Search(pairs, o);
    List<Tuple2<Integer, Object[]>> found =
        points == null
            ? List.of()
            : points
                .groupByKey()
                .mapToPair(g -> new Tuple2<>(g._1(), search.apply(g._1(), g._2())))
                .collect();
    Object[][] byPair = new Object[pairs.size()][];
    found.forEach(f -> byPair[f._1()] = f._2());
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Object[] r = byPair[i] != null ? byPair[i] : search.apply(i, List.of());
      PairRef ref = pairs.get(i);
      out.add(
          RowFactory.create(
              ref.journey(),
              ref.pair().stage(),
              ref.pair().metric(),
              ref.pair().touchpoint(),
              r[0],
              r[1],
              r[2],
              r[3],
              r[4],
              r[5],
              r[6],
              r[7],
              available.get(i),
              r[8],
              r[9],
              runId,
              Date.valueOf(runDate)));
    }
    return out;
  }

  /** A response's (hash uniform, metric, score) point for each pair it has and samples into. */
  private static final class Points implements PairFlatMapFunction<Row, Integer, double[]> {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final double[] rate;

    Points(int first, double[] rate) {
      this.first = first;
      this.rate = rate;
    }

    @Override
    public Iterator<Tuple2<Integer, double[]>> call(Row r) {
      double u = uniform(r.isNullAt(0) ? "" : r.getString(0));
      List<Tuple2<Integer, double[]>> out = new ArrayList<>(rate.length);
      for (int p = 0; p < rate.length; p++) {
        if (u >= rate[p] || r.isNullAt(1 + 2 * p) || r.isNullAt(2 + 2 * p)) {
          continue;
        }
        double x = r.getDouble(1 + 2 * p);
        double y = r.getDouble(2 + 2 * p);
        if (Double.isFinite(x) && Double.isFinite(y)) {
          out.add(new Tuple2<>(first + p, new double[] {u, x, y}));
        }
      }
      return out.iterator();
    }
  }

  /** A uniform in [0, 1) from the response id: the sample key. */
  static double uniform(String responseId) {
    return (PoissonWeights.keyHash(responseId) >>> 11) * 0x1.0p-53;
  }

  /** Runs the finder on one pair's points; the result as the row's value columns. */
  private static final class Search implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<PairRef> pairs;
    private final int cap;
    private final double alpha;
    private final ThresholdFinder finder;

    Search(List<PairRef> pairs, DriverOptions o) {
      this.pairs = List.copyOf(pairs);
      this.cap = o.thresholdSample();
      this.alpha = o.thresholdAlpha();
      this.finder =
          new ThresholdFinder().withPermutations(o.thresholdPermutations()).withSeed(o.seed());
    }

    /**
     * threshold, score_below, score_above, n_below, n_above, p_value, t_statistic, n, status, note.
     */
    Object[] apply(int pair, Iterable<double[]> points) {
      List<double[]> list = new ArrayList<>();
      points.forEach(list::add);
      list.sort(Comparator.comparingDouble((double[] p) -> p[0]));
      int n = Math.min(cap, list.size());
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = list.get(i)[1];
        y[i] = list.get(i)[2];
      }
      ThresholdResult r = finder.find(x, y);
      if (r instanceof ThresholdResult.Found f) {
        if (f.pValue() <= alpha) {
          return new Object[] {
            f.threshold(),
            f.scoreBelow(),
            f.scoreAbove(),
            (long) f.nBelow(),
            (long) f.nAbove(),
            f.pValue(),
            f.tStatistic(),
            (long) n,
            FOUND,
            null
          };
        }
        String note =
            String.format(
                Locale.ROOT,
                "best split at %s <= %.6g: mean %s score %.4f below, %.4f above (%d / %d"
                    + " responses), p = %.4f above drivers.threshold_alpha = %.4g",
                pairs.get(pair).pair().metric(),
                f.threshold(),
                pairs.get(pair).pair().touchpoint(),
                f.scoreBelow(),
                f.scoreAbove(),
                f.nBelow(),
                f.nAbove(),
                f.pValue(),
                alpha);
        return new Object[] {
          null, null, null, null, null, f.pValue(), f.tStatistic(), (long) n, NOT_SIGNIFICANT, note
        };
      }
      ThresholdResult.None none = (ThresholdResult.None) r;
      String status =
          none.reason() == ThresholdResult.Reason.CONSTANT_X
              ? "constant_metric"
              : none.reason().name().toLowerCase(Locale.ROOT);
      return new Object[] {
        null, null, null, null, null, null, null, (long) n, status, none.detail()
      };
    }
  }

  /** Rows of pairs with their threshold, for the job's note. */
  static long found(List<Row> rows) {
    return rows.stream().filter(r -> FOUND.equals(r.getString(13))).count();
  }
}
