package io.cx.jobs.drivers.thresholds;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Whether a drop at one threshold (a tipping point) describes a pair better than a smooth trend:
 * the test that separates a {@code step} from a {@code linear} decline, which the permutation test
 * of {@link ThresholdFinder} cannot do (it rejects "no association at all", so a straight decline
 * comes out significant at an arbitrary cut).
 *
 * <p><b>The trend.</b> The least-squares quadratic {@code a + b x + c x^2}: it holds the straight
 * line, and also the bend that a bounded score gives a straight decline (a 1..5 rating falling by
 * so much per payment error flattens at the bottom of the scale, and a line would then lose to a
 * step at the bend). A tipping point is a drop that no such smooth trend explains.
 *
 * <p><b>Statistic.</b> {@code D = max(z, 0)^2 - ESS_trend}: the explained sum of squares of the
 * best one-split drop model ({@code z} is the finder's largest split statistic, over the same
 * candidates) minus that of the trend. {@code D > 0} when one step explains more than the trend.
 *
 * <p><b>p-value.</b> The null hypothesis is the trend. Under it the trend's residuals are
 * exchangeable, so each permutation builds {@code y* = fitted + permuted residuals}, refits both
 * models and recomputes {@code D*}, searching every candidate again; {@code p = (1 + #{D* >= D}) /
 * (1 + #permutations)}, seeded. A small p says one split beats the trend by more than the search
 * alone would under the fitted trend.
 *
 * <p>With fewer than four distinct metric values the quadratic goes through every group mean, so a
 * step cannot beat it: {@code p = 1} and no permutation is run.
 */
public final class StepVsTrend {
  /** Salt of the seed, so the residual permutations are not the finder's permutations. */
  private static final long SALT = 0x5DEECE66DL;

  /** Relative slack (of the total sum of squares) when comparing a permuted D with the observed. */
  private static final double TIE_TOLERANCE = 1e-12;

  /** Fewest distinct metric values for which a step can differ from the trend. */
  static final int MIN_DISTINCT = 4;

  private StepVsTrend() {}

  /**
   * The test's outcome.
   *
   * @param statistic {@code D}, step minus trend explained sum of squares
   * @param pValue residual-permutation p-value of {@code D}
   * @param permutations how many permutations it rests on (0 when a step cannot differ)
   */
  public record Result(double statistic, double pValue, int permutations) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * @param sample the pair, sorted by the metric
   * @param cuts the finder's candidate splits ({@link ThresholdFinder#candidateCuts}), not empty
   * @param permutations residual permutations
   * @param seed seed of the permutations
   */
  static Result test(SortedSample sample, int[] cuts, int permutations, long seed) {
    double[] ys = sample.ys();
    int n = ys.length;
    Trend trend = Trend.of(sample.xs());
    SplitScan scan = new SplitScan(ys, cuts);
    double observed = statistic(scan, trend, ys);
    if (sample.distinctX() < MIN_DISTINCT) {
      return new Result(observed, 1.0, 0);
    }
    double[] fitted = trend.fitted(ys);
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      residuals[i] = ys[i] - fitted[i];
    }
    double bar = observed - TIE_TOLERANCE * scan.totalSumOfSquares();
    SplittableRandom random = new SplittableRandom(seed ^ SALT);
    double[] star = new double[n];
    int atLeast = 0;
    for (int b = 0; b < permutations; b++) {
      ThresholdFinder.shuffle(residuals, random);
      for (int i = 0; i < n; i++) {
        star[i] = fitted[i] + residuals[i];
      }
      if (statistic(scan, trend, star) >= bar) {
        atLeast++;
      }
    }
    return new Result(observed, (1.0 + atLeast) / (1.0 + permutations), permutations);
  }

  /**
   * {@code D} for scores {@code ys} in x order. The scan's total is the same for every {@code y*}:
   * permuting residuals that sum to 0 keeps the sum of the scores.
   */
  private static double statistic(SplitScan scan, Trend trend, double[] ys) {
    double z = Math.max(0, scan.max(ys));
    return z * z - trend.explained(ys);
  }

  /**
   * The quadratic trend as two orthogonal regressors: {@code e1 = x - mean} and {@code e2 = x^2}
   * with its projection on 1 and {@code e1} removed (Gram-Schmidt on the scaled metric, so large
   * values do not lose precision). Its explained sum of squares is {@code (e1'y)^2 / e1'e1 +
   * (e2'y)^2 / e2'e2}; {@code e2} is dropped when the metric has two values (then it is in the
   * span).
   */
  private record Trend(double[] e1, double[] e2, double s11, double s22) {
    static Trend of(double[] xs) {
      int n = xs.length;
      double mean = 0;
      for (double x : xs) {
        mean += x;
      }
      mean /= n;
      double scale = 0;
      for (double x : xs) {
        scale = Math.max(scale, Math.abs(x - mean));
      }
      scale = scale > 0 ? scale : 1;
      double[] e1 = new double[n];
      double[] sq = new double[n];
      double s11 = 0;
      double sqMean = 0;
      for (int i = 0; i < n; i++) {
        e1[i] = (xs[i] - mean) / scale;
        sq[i] = e1[i] * e1[i];
        s11 += e1[i] * e1[i];
        sqMean += sq[i];
      }
      sqMean /= n;
      double s1q = 0;
      for (int i = 0; i < n; i++) {
        s1q += e1[i] * sq[i];
      }
      double[] e2 = new double[n];
      double s22 = 0;
      for (int i = 0; i < n; i++) {
        e2[i] = sq[i] - sqMean - (s11 > 0 ? s1q / s11 * e1[i] : 0);
        s22 += e2[i] * e2[i];
      }
      // Relative to the raw square's spread: below rounding, x^2 is in the span of 1 and x.
      double sqSpread = 0;
      for (int i = 0; i < n; i++) {
        sqSpread += (sq[i] - sqMean) * (sq[i] - sqMean);
      }
      return new Trend(e1, e2, s11, s22 > 1e-12 * sqSpread ? s22 : 0);
    }

    double explained(double[] ys) {
      double ss = 0;
      if (s11 > 0) {
        double d = dot(e1, ys);
        ss += d * d / s11;
      }
      if (s22 > 0) {
        double d = dot(e2, ys);
        ss += d * d / s22;
      }
      return ss;
    }

    double[] fitted(double[] ys) {
      double mean = 0;
      for (double y : ys) {
        mean += y;
      }
      mean /= ys.length;
      double b1 = s11 > 0 ? dot(e1, ys) / s11 : 0;
      double b2 = s22 > 0 ? dot(e2, ys) / s22 : 0;
      double[] f = new double[ys.length];
      for (int i = 0; i < ys.length; i++) {
        f[i] = mean + b1 * e1[i] + b2 * e2[i];
      }
      return f;
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * b[i];
      }
      return s;
    }
  }
}
