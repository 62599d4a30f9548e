package io.cx.jobs.churn.evaluation;

/**
 * The quality of churn probabilities against 0/1 outcomes, computed here rather than by MLlib so
 * that every definition is ours, written down and checked against numpy:
 *
 * <ul>
 *   <li>{@code auc}: the Mann-Whitney statistic, the probability that a random churner scores above
 *       a random non-churner, ties counting one half (equal to the area under the ROC curve).
 *   <li>{@code pr_auc}: average precision, {@code sum over thresholds (R_k - R_{k-1}) P_k} with one
 *       threshold per distinct score (scikit-learn's {@code average_precision_score}).
 *   <li>{@code log_loss}: mean of {@code -[y ln p + (1-y) ln(1-p)]}, p clipped to [1e-15, 1-1e-15].
 *   <li>{@code brier}: mean of {@code (p - y)^2}.
 *   <li>{@code lift_top_decile}: the churn rate among the 10 % highest scored over the overall
 *       rate; the decile holds exactly {@code n / 10} rows, a group of tied scores straddling its
 *       edge counting with the share of it that fits, so the value does not depend on row order.
 * </ul>
 *
 * Ranking metrics are NaN when one class is absent.
 */
public record BinaryMetrics(
    long n,
    long positives,
    double auc,
    double prAuc,
    double logLoss,
    double brier,
    double liftTopDecile) {

  /** Probabilities are clipped to [EPS, 1 - EPS] in the log loss. */
  static final double EPS = 1e-15;

  /** Share of the rows in the top group of the lift. */
  static final double TOP_SHARE = 0.1;

  /** The metrics of exact probabilities {@code p} against labels {@code y} (1 or 0). */
  public static BinaryMetrics of(double[] p, double[] y) {
    double logLoss = 0;
    double brier = 0;
    for (int i = 0; i < p.length; i++) {
      logLoss += logLoss(p[i], y[i]);
      brier += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return of(RankingHistogram.of(p, y), logLoss, brier);
  }

  /**
   * The metrics from a score histogram and the sums of the per-row log loss ({@link
   * #logLoss(double, double)}) and squared error over the same rows.
   */
  public static BinaryMetrics of(RankingHistogram h, double sumLogLoss, double sumBrier) {
    long pos = h.totalPositives();
    long neg = h.totalNegatives();
    long n = pos + neg;
    return new BinaryMetrics(
        n,
        pos,
        auc(h, pos, neg),
        averagePrecision(h, pos),
        n == 0 ? Double.NaN : sumLogLoss / n,
        n == 0 ? Double.NaN : sumBrier / n,
        lifts(h, new double[] {TOP_SHARE})[0]);
  }

  /** One row's log loss. */
  public static double logLoss(double p, double y) {
    double q = Math.min(Math.max(p, EPS), 1 - EPS);
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  }

  private static double auc(RankingHistogram h, long pos, long neg) {
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    // Walk from the lowest score up: a positive beats every negative below it, ties count 1/2.
    double wins = 0;
    long negBelow = 0;
    for (int i = h.score().length - 1; i >= 0; i--) {
      wins += h.positives()[i] * (negBelow + 0.5 * h.negatives()[i]);
      negBelow += h.negatives()[i];
    }
    return wins / ((double) pos * neg);
  }

  private static double averagePrecision(RankingHistogram h, long pos) {
    if (pos == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long tp = 0;
    long fp = 0;
    double previousRecall = 0;
    for (int i = 0; i < h.score().length; i++) {
      tp += h.positives()[i];
      fp += h.negatives()[i];
      double recall = (double) tp / pos;
      double precision = (double) tp / (tp + fp);
      ap += (recall - previousRecall) * precision;
      previousRecall = recall;
    }
    return ap;
  }

  /**
   * The lift of the top {@code shares[j]} of the rows, for shares in increasing order: the churn
   * rate among exactly {@code share x n} highest scored rows (a group of tied scores straddling the
   * edge counting with the share of it that fits) over the overall rate. One walk down the
   * histogram; the value at a share is bit for bit what a walk for that share alone gives, so the
   * lift curve passes through {@code lift_top_decile}. NaN without positives.
   */
  static double[] lifts(RankingHistogram h, double[] shares) {
    long pos = h.totalPositives();
    long n = pos + h.totalNegatives();
    double[] out = new double[shares.length];
    int i = 0;
    double taken = 0;
    double captured = 0;
    for (int j = 0; j < shares.length; j++) {
      if (pos == 0) {
        out[j] = Double.NaN;
        continue;
      }
      double k = shares[j] * n;
      while (i < h.score().length && taken < k) {
        long group = h.positives()[i] + h.negatives()[i];
        if (group > k - taken) {
          break;
        }
        captured += h.positives()[i];
        taken += group;
        i++;
      }
      double top = captured;
      if (i < h.score().length && taken < k) {
        long group = h.positives()[i] + h.negatives()[i];
        top += (k - taken) / group * h.positives()[i];
      }
      out[j] = (top / k) / ((double) pos / n);
    }
    return out;
  }
}
