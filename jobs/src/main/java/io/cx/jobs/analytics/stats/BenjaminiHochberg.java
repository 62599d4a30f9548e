package io.cx.jobs.analytics.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjusted p-values (q-values) of one family of tests held in memory. With the m
 * p-values sorted ascending, {@code q_(i) = min over j >= i of min(1, m p_(j) / j)}; rejecting
 * every test with {@code q <= alpha} is the step-up procedure that keeps the false-discovery rate
 * at alpha (for independent or positively dependent tests). NaN stands for a row that is not a
 * test: its q is NaN and it does not count in m. Equal p-values get equal q-values.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /** The q-value of each p-value, in the same order. */
  public static double[] qValues(double[] p) {
    for (double v : p) {
      if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(
            "Cannot adjust p-values: " + v + " is not a probability; use NaN for no test");
      }
    }
    Integer[] tests =
        IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> p[i]))
            .toArray(Integer[]::new);
    double[] q = new double[p.length];
    Arrays.fill(q, Double.NaN);
    int m = tests.length;
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = tests[rank - 1];
      running = Math.min(running, Math.min(1.0, p[i] * m / rank));
      q[i] = running;
    }
    return q;
  }
}
