package io.cx.jobs.drivers.thresholds;

import io.cx.jobs.analytics.stats.BenjaminiHochberg;
import java.io.Serializable;

/**
 * The threshold search of one pair ({@link #search}) and the verdict over all pairs of a run
 * ({@link #classify}): which drops are tipping points.
 *
 * <p>Per pair: the finder's best drop and its permutation p-value ({@code p_value}: is there any
 * association), the step-versus-trend test ({@code p_step}: does one split beat a smooth quadratic
 * trend), and, for a pair that can pass, the bootstrap interval of the split point.
 *
 * <p>Across the run's pairs, Benjamini-Hochberg: {@code q_value} adjusts {@code p_value} and {@code
 * q_step} adjusts the threshold claim's p-value {@code max(p_value, p_step)} (an intersection-union
 * test: a tipping point needs a drop and a step that beats the trend, and the larger p-value is a
 * valid p-value for both together). Shape {@code step} when {@code q_step <= alpha}; else {@code
 * linear} when {@code q_value <= alpha} (the score falls with the metric, but no threshold fits
 * better than a smooth trend); else {@code none}.
 */
public final class TippingPoints implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Shapes. */
  public static final String STEP = "step";

  public static final String LINEAR = "linear";
  public static final String NONE = "none";

  private final ThresholdFinder finder;
  private final int replicates;
  private final double alpha;

  /**
   * @param finder the split search and its permutation settings (used for both tests)
   * @param replicates bootstrap replicates of the threshold's interval
   * @param alpha the false-discovery rate at which a tipping point is reported
   */
  public TippingPoints(ThresholdFinder finder, int replicates, double alpha) {
    this.finder = finder;
    this.replicates = replicates;
    this.alpha = alpha;
  }

  /** Searches one pair whose rows are each a different customer's. */
  public PairOutcome search(double[] x, double[] y) {
    return search(SortedSample.of(x, y));
  }

  /**
   * Searches one pair; {@code customers} keys each row's customer, for the bootstrap to resample
   * customers.
   */
  public PairOutcome search(double[] x, double[] y, long[] customers) {
    return search(SortedSample.of(x, y, customers));
  }

  private PairOutcome search(SortedSample sample) {
    ThresholdResult split = finder.find(sample);
    if (!(split instanceof ThresholdResult.Found f)) {
      return new PairOutcome(sample.n(), split, null, null);
    }
    int[] cuts = ThresholdFinder.candidateCuts(sample.xs(), finder.minSide());
    StepVsTrend.Result step = StepVsTrend.test(sample, cuts, finder.permutations(), finder.seed());
    ThresholdBootstrap.Interval interval =
        Math.max(f.pValue(), step.pValue()) <= alpha
            ? ThresholdBootstrap.interval(
                sample, cuts, finder.minSide(), replicates, 0.95, finder.seed())
            : null;
    return new PairOutcome(sample.n(), split, step, interval);
  }

  /**
   * The verdict of each pair of one run.
   *
   * @param qValue BH q-value of the pair's p_value; NaN without a split
   * @param qStep BH q-value of the threshold claim; NaN without a split
   * @param shape {@link #STEP}, {@link #LINEAR} or {@link #NONE}; null when the pair could not be
   *     searched (too few rows, a constant metric, no balanced split)
   */
  public record Verdict(double qValue, double qStep, String shape) {
    public boolean tippingPoint() {
      return STEP.equals(shape);
    }
  }

  /** Corrects the run's pairs together. */
  public Verdict[] classify(PairOutcome[] outcomes) {
    int m = outcomes.length;
    double[] p = new double[m];
    double[] claim = new double[m];
    for (int i = 0; i < m; i++) {
      p[i] = outcomes[i].split() instanceof ThresholdResult.Found f ? f.pValue() : Double.NaN;
      claim[i] = outcomes[i].claimP();
    }
    double[] q = BenjaminiHochberg.qValues(p);
    double[] qStep = BenjaminiHochberg.qValues(claim);
    Verdict[] out = new Verdict[m];
    for (int i = 0; i < m; i++) {
      ThresholdResult split = outcomes[i].split();
      String shape;
      if (split instanceof ThresholdResult.Found) {
        shape = qStep[i] <= alpha ? STEP : q[i] <= alpha ? LINEAR : NONE;
      } else {
        shape =
            ((ThresholdResult.None) split).reason() == ThresholdResult.Reason.NO_DROP ? NONE : null;
      }
      out[i] = new Verdict(q[i], qStep[i], shape);
    }
    return out;
  }

  public double alpha() {
    return alpha;
  }
}
