package io.cx.jobs.drivers;

import io.cx.jobs.analytics.stats.PairwiseMoments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which touchpoints of a segment enter the linear models, and the rule that turns a moments object
 * over {@code [target, touchpoint_1..K]} into the correlation matrix of the target (row 0) and
 * those touchpoints. Decided once on the sample and then applied unchanged to every bootstrap
 * replicate, so all replicates estimate the same model.
 *
 * <ul>
 *   <li>A touchpoint enters when it has at least {@code minAnswers} answers together with the
 *       target and its scores vary there; otherwise it is {@link DriverStatus#TOO_FEW_ANSWERS} or
 *       {@link DriverStatus#CONSTANT_DRIVER}.
 *   <li>Correlations are pairwise-complete: each pair from the responses that have both. A pair of
 *       entered touchpoints answered together fewer than {@code minAnswers} times (touchpoints few
 *       customers meet both of, e.g. store pickup and home delivery) has no usable correlation; it
 *       is set to 0 ("filled"), in the sample and in every replicate, and said in the rows' note.
 *   <li>In a replicate, an entry that was usable in the sample but is undefined there (a variable
 *       constant among the drawn responses) makes the replicate unusable: {@link #matrix} returns
 *       null and the interval is taken over the other replicates.
 * </ul>
 */
final class CorrelationSystem {
  private final int[] used;
  private final DriverStatus[] status;
  private final boolean[][] filled;
  private final List<int[]> filledPairs;

  private CorrelationSystem(
      int[] used, DriverStatus[] status, boolean[][] filled, List<int[]> filledPairs) {
    this.used = used;
    this.status = status;
    this.filled = filled;
    this.filledPairs = filledPairs;
  }

  /** Selects the touchpoints and the filled pairs from the sample's moments. */
  static CorrelationSystem select(PairwiseMoments sample, int minAnswers) {
    int k = sample.size() - 1;
    double[][] corr = sample.correlationMatrix();
    DriverStatus[] status = new DriverStatus[k];
    List<Integer> used = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      int v = a + 1;
      if (sample.count(0, v) < minAnswers) {
        status[a] = DriverStatus.TOO_FEW_ANSWERS;
      } else if (Double.isNaN(corr[v][v]) || Double.isNaN(corr[0][v])) {
        status[a] = DriverStatus.CONSTANT_DRIVER;
      } else {
        status[a] = DriverStatus.ESTIMATED;
        used.add(a);
      }
    }
    int u = used.size();
    boolean[][] filled = new boolean[u + 1][u + 1];
    List<int[]> pairs = new ArrayList<>();
    for (int x = 0; x < u; x++) {
      for (int y = x + 1; y < u; y++) {
        int i = used.get(x) + 1;
        int j = used.get(y) + 1;
        if (sample.count(i, j) < minAnswers || Double.isNaN(corr[i][j])) {
          filled[x + 1][y + 1] = true;
          filled[y + 1][x + 1] = true;
          pairs.add(new int[] {used.get(x), used.get(y), (int) sample.count(i, j)});
        }
      }
    }
    return new CorrelationSystem(
        used.stream().mapToInt(Integer::intValue).toArray(), status, filled, pairs);
  }

  /** The touchpoints (journey positions) that entered, in journey order. */
  int[] used() {
    return used.clone();
  }

  /** Why each touchpoint (journey position) entered or not. */
  DriverStatus status(int touchpoint) {
    return status[touchpoint];
  }

  /** The filled pairs as {touchpoint a, touchpoint b, joint answers}. */
  List<int[]> filledPairs() {
    return filledPairs;
  }

  /**
   * The correlation matrix over {@code [target, used touchpoints]} from {@code m} (the sample or a
   * replicate), filled pairs set to 0; null when an entry that was usable in the sample is
   * undefined in {@code m}.
   */
  double[][] matrix(PairwiseMoments m) {
    double[][] corr = m.correlationMatrix();
    int u = used.length;
    int[] vars = new int[u + 1];
    for (int x = 0; x < u; x++) {
      vars[x + 1] = used[x] + 1;
    }
    double[][] out = new double[u + 1][u + 1];
    for (int x = 0; x <= u; x++) {
      for (int y = 0; y <= u; y++) {
        if (x == y) {
          if (Double.isNaN(corr[vars[x]][vars[x]])) {
            return null;
          }
          out[x][y] = 1.0;
        } else if (filled[x][y]) {
          out[x][y] = 0.0;
        } else {
          double c = corr[vars[x]][vars[y]];
          if (Double.isNaN(c)) {
            return null;
          }
          out[x][y] = c;
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CorrelationSystem[used=" + Arrays.toString(used) + "]";
  }
}
