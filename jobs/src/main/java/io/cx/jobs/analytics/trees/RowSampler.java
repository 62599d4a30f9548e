package io.cx.jobs.analytics.trees;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The rows each tree learns from: {@code m = max(1, round(subsample * n))} of the {@code n} rows.
 * When {@code m = n} (as for {@code subsample = 1}) every tree gets all rows and nothing is drawn.
 * Otherwise, for each tree in turn, the {@code m} rows are drawn without replacement by selection
 * sampling (Knuth, TAOCP vol. 2, Algorithm S): going through rows {@code i = 0, 1, ...}, row {@code
 * i} is taken when {@code u * (n - i) < m - taken}, with {@code u} the next {@code nextDouble()} of
 * one {@link SplittableRandom} seeded with the fit's seed, until {@code m} rows are taken. Every
 * subset of size {@code m} is equally likely; the rows come out in increasing order; the same seed
 * gives the same samples.
 */
final class RowSampler {
  private final int rows;
  private final int size;
  private final SplittableRandom random;
  private final int[] all;

  RowSampler(int rows, double subsample, long seed) {
    this.rows = rows;
    this.size = (int) Math.max(1, Math.round(subsample * rows));
    this.random = new SplittableRandom(seed);
    this.all = size == rows ? IntStream.range(0, rows).toArray() : null;
  }

  /** The rows of the next tree, in increasing order; do not change the array. */
  int[] next() {
    if (all != null) {
      return all;
    }
    int[] sample = new int[size];
    int taken = 0;
    for (int i = 0; i < rows && taken < size; i++) {
      if (random.nextDouble() * (rows - i) < size - taken) {
        sample[taken++] = i;
      }
    }
    return sample;
  }
}
