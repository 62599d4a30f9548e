package io.cx.jobs.drivers;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.jobs.analytics.stats.PoissonWeights;
import io.cx.jobs.drivers.thresholds.PairOutcome;
import io.cx.jobs.drivers.thresholds.ThresholdFinder;
import io.cx.jobs.drivers.thresholds.TippingPoints;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * metric_thresholds: for every objective metric and every touchpoint of the same stage, where the
 * metric starts to hurt the touchpoint's score, if it has a tipping point ({@link TippingPoints}:
 * best single split over the observed values between the 5 % and 95 % quantiles with a permutation
 * p-value of the maximum, a residual-permutation test of that step against a smooth (quadratic)
 * trend, a bootstrap interval of the split point, Benjamini-Hochberg q-values across the run's
 * pairs).
 *
 * <p>One pass: each response gives a (metric, score) point to every pair where it has both values;
 * a pair with more than {@code drivers.threshold_sample} such responses keeps a deterministic
 * sample of customers: the responses whose customer has the smallest hash of its customer_id, at
 * most the cap, a customer's responses kept or dropped together (the same customers on every run,
 * whatever the partitioning; a response without a customer is its own). So the sample is a cluster
 * sample, as the bootstrap that then resamples it assumes. The points are grouped by pair and each
 * pair is searched on an executor, in the order of that hash (so the seeded permutations draw the
 * same on every run); only the results come back, and the driver program corrects them together.
 * The bootstrap of the threshold resamples customers: each point carries the hash of its
 * customer_id, and all the points of a customer get the same multiplicity in a replicate. The
 * search is unweighted: it compares mean scores of responses, not of customers.
 *
 * <p>A row has a threshold only for a tipping point: shape {@code step}, q_step at most {@code
 * drivers.threshold_alpha} (status {@code found}). Otherwise threshold and the columns describing
 * the split are null and status says why: {@code no_tipping_point} (shape {@code linear}: the score
 * falls with the metric but one step does not fit better than a smooth trend), {@code
 * not_significant} (shape {@code none}; the best split is in the note), {@code too_few_rows} (fewer
 * than {@value ThresholdFinder#DEFAULT_MIN_SIDE} on each side possible), {@code constant_metric},
 * {@code no_balanced_split} (too many ties), {@code no_drop} (the score is never lower above a
 * candidate than below it).
 */
final class ThresholdSearch {
  static final String FOUND = "found";

  /** Prefixed to a customer id before hashing, so it never hashes as a response id does. */
  private static final String CUSTOMER_KEY = "customer:";

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
    JavaPairRDD<Integer, Point> points = null;
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
      cols.add(col(Cols.CUSTOMER_ID));
      for (JourneyLayout.StagePair pair : layout.pairs()) {
        cols.add(col(FeatureNames.metric(pair.metric())).cast("double"));
        cols.add(col(FeatureNames.touchpoint(pair.touchpoint())).cast("double"));
      }
      JavaPairRDD<Integer, Point> part =
          rows.where(col(Cols.JOURNEY).equalTo(layout.journey()))
              .select(cols.toArray(new Column[0]))
              .toJavaRDD()
              .flatMapToPair(new Points(first, rate));
      points = points == null ? part : points.union(part);
    }
    TippingPoints tipping =
        new TippingPoints(
            new ThresholdFinder().withPermutations(o.thresholdPermutations()).withSeed(o.seed()),
            o.replicates(),
            o.thresholdAlpha());
    Search search = new Search(tipping, o.thresholdSample());
    List<Tuple2<Integer, PairOutcome>> searched =
        points == null
            ? List.of()
            : points
                .groupByKey()
                .mapToPair(g -> new Tuple2<>(g._1(), search.apply(g._2())))
                .collect();
    PairOutcome[] outcomes = new PairOutcome[pairs.size()];
    searched.forEach(f -> outcomes[f._1()] = f._2());
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        outcomes[i] = search.apply(List.of());
      }
    }
    TippingPoints.Verdict[] verdicts = tipping.classify(outcomes);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      PairRef ref = pairs.get(i);
      out.add(
          ThresholdRow.of(
              ref.journey(),
              ref.pair(),
              outcomes[i],
              verdicts[i],
              available.get(i),
              tipping.alpha(),
              runId,
              runDate));
    }
    return out;
  }

  /**
   * A response's point of one pair.
   *
   * @param u the response's search-order key ({@link #uniform} of its id's hash)
   * @param x the metric
   * @param y the score
   * @param customer the key of the response's customer, which the bootstrap resamples
   */
  record Point(double u, double x, double y, long customer) implements Serializable {}

  /** A response's point for each pair it has and samples into. */
  private static final class Points implements PairFlatMapFunction<Row, Integer, Point> {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final double[] rate;

    Points(int first, double[] rate) {
      this.first = first;
      this.rate = rate;
    }

    @Override
    public Iterator<Tuple2<Integer, Point>> call(Row r) {
      String response = r.isNullAt(0) ? "" : r.getString(0);
      double u = uniform(PoissonWeights.keyHash(response));
      long customer = customerKey(response, r.isNullAt(1) ? null : r.getString(1));
      double kept = uniform(customer);
      List<Tuple2<Integer, Point>> out = new ArrayList<>(rate.length);
      for (int p = 0; p < rate.length; p++) {
        if (kept >= rate[p] || r.isNullAt(2 + 2 * p) || r.isNullAt(3 + 2 * p)) {
          continue;
        }
        double x = r.getDouble(2 + 2 * p);
        double y = r.getDouble(3 + 2 * p);
        if (Double.isFinite(x) && Double.isFinite(y)) {
          out.add(new Tuple2<>(first + p, new Point(u, x, y, customer)));
        }
      }
      return out.iterator();
    }
  }

  /**
   * The bootstrap key of a response's customer: a hash of customer_id, the same for every response
   * of the customer; a response without a customer is its own (a hash of its response id).
   */
  static long customerKey(String responseId, String customerId) {
    return customerId == null
        ? PoissonWeights.keyHash(responseId)
        : PoissonWeights.keyHash(CUSTOMER_KEY + customerId);
  }

  /**
   * A uniform in [0, 1) from a key hash ({@link PoissonWeights#keyHash}). Of a response's id: the
   * order in which a pair's points are searched. Of its customer's key ({@link #customerKey}): the
   * sample key, the same for every response of the customer, so that a customer's responses are
   * sampled together. (The bootstrap mixes the customer key with the seed and the replicate before
   * drawing, so its draws do not depend on which customers were sampled.)
   */
  static double uniform(long keyHash) {
    return (keyHash >>> 11) * 0x1.0p-53;
  }

  /** The order in which a pair's points are searched: by the response's key, then the values. */
  private static final Comparator<Point> SEARCH_ORDER =
      Comparator.comparingDouble(Point::u)
          .thenComparingDouble(Point::x)
          .thenComparingDouble(Point::y)
          .thenComparingLong(Point::customer);

  /**
   * The sample of one pair, in search order: every point when there are at most {@code cap};
   * otherwise the points of the customers with the smallest sample key ({@link #uniform} of the
   * customer key), up to the last customer that keeps them at most {@code cap}, so that no customer
   * is split (a single customer with more than {@code cap} points keeps its first {@code cap}).
   */
  static List<Point> sample(Iterable<Point> points, int cap) {
    List<Point> list = new ArrayList<>();
    points.forEach(list::add);
    if (list.size() > cap) {
      list.sort(
          Comparator.comparingDouble((Point q) -> uniform(q.customer()))
              .thenComparingLong(Point::customer)
              .thenComparing(SEARCH_ORDER));
      int n = cap;
      while (n > 0 && list.get(n).customer() == list.get(n - 1).customer()) {
        n--;
      }
      list = new ArrayList<>(list.subList(0, n == 0 ? cap : n));
    }
    list.sort(SEARCH_ORDER);
    return list;
  }

  /** Runs the search on one pair's sample ({@link #sample}), in the order of its sample key. */
  private static final class Search implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TippingPoints tipping;
    private final int cap;

    Search(TippingPoints tipping, int cap) {
      this.tipping = tipping;
      this.cap = cap;
    }

    PairOutcome apply(Iterable<Point> points) {
      List<Point> list = sample(points, cap);
      int n = list.size();
      double[] x = new double[n];
      double[] y = new double[n];
      long[] customers = new long[n];
      for (int i = 0; i < n; i++) {
        x[i] = list.get(i).x();
        y[i] = list.get(i).y();
        customers[i] = list.get(i).customer();
      }
      return tipping.search(x, y, customers);
    }
  }

  /** Pairs with a tipping point (after correction), for the job's note. */
  static long found(List<Row> rows) {
    return count(rows, FOUND);
  }

  /** Rows with this status. */
  static long count(List<Row> rows, String status) {
    int at = Schemas.METRIC_THRESHOLDS.fieldIndex(Cols.STATUS);
    return rows.stream().filter(r -> status.equals(r.getString(at))).count();
  }
}
