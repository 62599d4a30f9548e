package io.cx.jobs.drivers.thresholds;

import io.cx.jobs.analytics.stats.PoissonWeights;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Where a threshold falls: a bootstrap percentile interval of the split point.
 *
 * <p>Each replicate resamples the pair's customers, not its rows: a customer's rows share one
 * Poisson(1) multiplicity, drawn from the customer's key, the replicate and the seed ({@link
 * PoissonWeights}, as the drivers' bootstrap), so the several answers of one customer, which are
 * not independent, are always drawn together, and a re-run draws the same replicates whatever the
 * rows' order. Each replicate searches the same candidate values again, with the same rule: the
 * largest drop statistic {@code z} among the candidates that leave {@code minSide} resampled rows
 * on each side. A replicate with no drop at any candidate has no split and is left out. The
 * interval runs from the {@code (1 - level) / 2} to the {@code (1 + level) / 2} order statistic of
 * the replicate splits (the outer one when the rank falls between two), and then to the next
 * observed value above the upper split: a split {@code x <= v} says the score drops somewhere after
 * {@code v} and by the next value observed, so a true threshold anywhere in {@code [v, next)} gives
 * that split.
 *
 * <p>With more than 10 % of the replicates without a split, no interval is published (as for the
 * driver shares).
 */
public final class ThresholdBootstrap {
  /** Salt of the seed, so the resampling is not the permutation tests' stream. */
  private static final long SALT = 0x2545F4914F6CDD1DL;

  /** Largest share of replicates without a split for which an interval is published. */
  static final double MAX_DROPPED = 0.1;

  private ThresholdBootstrap() {}

  /**
   * The interval, or NaN bounds when too many replicates had no split.
   *
   * @param low lowest threshold consistent with the interval's splits
   * @param high first observed value above the upper split
   * @param used replicates with a split
   * @param dropped replicates without one
   */
  public record Interval(double low, double high, int used, int dropped) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * @param sample the pair, sorted by the metric, with its rows' customers
   * @param cuts the finder's candidate splits
   * @param minSide resampled rows needed on each side
   * @param replicates bootstrap replicates
   * @param level coverage, e.g. 0.95
   * @param seed seed of the resampling
   */
  static Interval interval(
      SortedSample sample, int[] cuts, int minSide, int replicates, double level, long seed) {
    double[] xs = sample.xs();
    double[] ys = sample.ys();
    int[] count = new int[xs.length];
    double[] splits = new double[replicates];
    int used = 0;
    for (int b = 0; b < replicates; b++) {
      draw(sample.customers(), b, seed, count);
      int best = bestCut(ys, count, cuts, minSide);
      if (best >= 0) {
        splits[used++] = xs[best - 1];
      }
    }
    int dropped = replicates - used;
    if (used == 0 || dropped > MAX_DROPPED * replicates) {
      return new Interval(Double.NaN, Double.NaN, used, dropped);
    }
    double[] sorted = Arrays.copyOf(splits, used);
    Arrays.sort(sorted);
    double alpha = (1 - level) / 2;
    int lo = (int) Math.floor(alpha * (used - 1));
    int hi = (int) Math.ceil((1 - alpha) * (used - 1));
    return new Interval(sorted[lo], sample.nextAbove(sorted[hi]), used, dropped);
  }

  /**
   * Fills {@code count} with each row's multiplicity in replicate {@code b}: its customer's
   * Poisson(1) draw, the same for every row of one customer.
   */
  static void draw(long[] customers, int b, long seed, int[] count) {
    for (int i = 0; i < customers.length; i++) {
      count[i] = PoissonWeights.weight(customers[i], b, seed ^ SALT);
    }
  }

  /**
   * The candidate cut with the largest positive drop statistic for rows weighted by {@code count},
   * or -1 when none has a drop; the first on ties, as the finder.
   */
  static int bestCut(double[] ys, int[] count, int[] cuts, int minSide) {
    long total = 0;
    double sum = 0;
    for (int i = 0; i < ys.length; i++) {
      total += count[i];
      sum += count[i] * ys[i];
    }
    long below = 0;
    double sumBelow = 0;
    int i = 0;
    int best = -1;
    double bestZ = 0;
    for (int cut : cuts) {
      for (; i < cut; i++) {
        below += count[i];
        sumBelow += count[i] * ys[i];
      }
      long above = total - below;
      if (below < minSide || above < minSide) {
        continue;
      }
      double z =
          (sumBelow / below - (sum - sumBelow) / above) * Math.sqrt((double) below * above / total);
      if (z > bestZ) {
        bestZ = z;
        best = cut;
      }
    }
    return best;
  }
}
