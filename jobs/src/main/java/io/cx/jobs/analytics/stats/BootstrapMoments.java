package io.cx.jobs.analytics.stats;

import java.io.Serializable;

/**
 * The sample's {@link PairwiseMoments} and B Poisson-bootstrap replicates of it, filled in the same
 * single pass: replicate 0 is the sample itself; in replicate b (1..B) a row has weight {@code w ·
 * k} with {@code k = PoissonWeights.weight(key, b, seed)}. Because k depends only on the row's key,
 * partitions can be filled independently and merged in any order (the Poisson bootstrap of Hanley
 * and MacGibbon 2006, as used for online/distributed bootstraps).
 *
 * <p>Use a key that identifies the resampling unit (the response id): every row of one key gets the
 * same multiplicity in a replicate.
 */
public final class BootstrapMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int p;
  private final long seed;
  private final PairwiseMoments[] replicates;

  /** An empty accumulator over {@code p} variables with {@code b >= 0} bootstrap replicates. */
  public BootstrapMoments(int p, int b, long seed) {
    if (b < 0) {
      throw new IllegalArgumentException(
          "Cannot create BootstrapMoments: B must be >= 0, got " + b);
    }
    this.p = p;
    this.seed = seed;
    this.replicates = new PairwiseMoments[b + 1];
    for (int r = 0; r <= b; r++) {
      replicates[r] = new PairwiseMoments(p);
    }
  }

  /** Number of bootstrap replicates B (not counting the sample, replicate 0). */
  public int replicateCount() {
    return replicates.length - 1;
  }

  /** The seed of the Poisson weights. */
  public long seed() {
    return seed;
  }

  /**
   * The moments of replicate {@code r}: 0 is the sample, 1..B the bootstrap replicates. The live
   * object, not a copy.
   */
  public PairwiseMoments replicate(int r) {
    return replicates[r];
  }

  /** The sample's moments, {@code replicate(0)}. */
  public PairwiseMoments sample() {
    return replicates[0];
  }

  /**
   * Adds one row with key {@code key} (the resampling unit), values x (NaN = missing), weight w.
   */
  public void add(String key, double[] x, double w) {
    add(PoissonWeights.keyHash(key), x, w);
  }

  /**
   * As {@link #add(String, double[], double)} with the key already hashed by {@link
   * PoissonWeights#keyHash}: a job that ships rows between machines can ship the 8-byte hash
   * instead of the key.
   */
  public void add(long keyHash, double[] x, double w) {
    replicates[0].add(x, w);
    if (w == 0) {
      return;
    }
    long h = keyHash;
    for (int r = 1; r < replicates.length; r++) {
      int k = PoissonWeights.weight(h, r, seed);
      if (k > 0) {
        replicates[r].add(x, w * k);
      }
    }
  }

  /** Adds the rows summarised by {@code other}, which must have the same p, B and seed. */
  public BootstrapMoments merge(BootstrapMoments other) {
    if (other.p != p || other.replicates.length != replicates.length || other.seed != seed) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot merge BootstrapMoments(p=%d, B=%d, seed=%d) into (p=%d, B=%d, seed=%d)",
              other.p, other.replicateCount(), other.seed, p, replicateCount(), seed));
    }
    for (int r = 0; r < replicates.length; r++) {
      replicates[r].merge(other.replicates[r]);
    }
    return this;
  }
}
