package io.cx.jobs.analytics.stats;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic Poisson(1) bootstrap multiplicities: the weight of a row in a bootstrap replicate
 * is a function of the row's key, the replicate number and the seed only, so every Spark task, a
 * retried task and a re-run all draw the same replicates without any shuffle or shared state.
 *
 * <p>The key's UTF-8 bytes are hashed with MurmurHash3's 64-bit block mix and finaliser (one lane
 * of x64_128); the key hash, the seed and the replicate are then combined through two more
 * finaliser rounds, the top 53 bits become a uniform u in [0, 1) and the weight is the smallest k
 * with {@code P(K <= k) > u} for K ~ Poisson(1) (inversion of the CDF, on average 1.7 comparisons).
 */
public final class PoissonWeights {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  /** CDF of Poisson(1) at 0, 1, 2, ... up to the first value that rounds to 1. */
  private static final double[] CDF = poissonOneCdf();

  private PoissonWeights() {}

  /**
   * The Poisson(1) multiplicity of the row {@code key} in bootstrap replicate {@code replicate}.
   */
  public static int weight(String key, int replicate, long seed) {
    return weight(keyHash(key), replicate, seed);
  }

  /**
   * As {@link #weight(String, int, long)} with the key already hashed by {@link #keyHash}: hash a
   * row's key once, then draw its weight in every replicate.
   */
  public static int weight(long keyHash, int replicate, long seed) {
    double u = uniform(keyHash, replicate, seed);
    int k = 0;
    while (u >= CDF[k]) {
      k++;
    }
    return k;
  }

  /** The uniform in [0, 1) behind a weight; exposed for tests of the hash's quality. */
  static double uniform(long keyHash, int replicate, long seed) {
    long h = fmix64(keyHash ^ fmix64(seed ^ GOLDEN));
    h = fmix64(h + GOLDEN * (replicate + 1L));
    return (h >>> 11) * TWO_POW_MINUS_53;
  }

  /** 64-bit MurmurHash3-style hash of the key's UTF-8 bytes. */
  public static long keyHash(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    long h = 0x2545f4914f6cdd1dL;
    int blocks = b.length / 8;
    for (int i = 0; i < blocks; i++) {
      h ^= mixBlock(littleEndian(b, i * 8, 8));
      h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }
    int tail = b.length - blocks * 8;
    if (tail > 0) {
      h ^= mixBlock(littleEndian(b, blocks * 8, tail));
    }
    h ^= b.length;
    return fmix64(h);
  }

  private static long mixBlock(long k) {
    k *= C1;
    k = Long.rotateLeft(k, 31);
    return k * C2;
  }

  private static long littleEndian(byte[] b, int from, int len) {
    long v = 0;
    for (int i = len - 1; i >= 0; i--) {
      v = (v << 8) | (b[from + i] & 0xffL);
    }
    return v;
  }

  /** MurmurHash3's 64-bit finaliser: full avalanche. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static double[] poissonOneCdf() {
    // P(K >= 19) < 1e-17 is below the resolution of u (2^-53): the table ends there, at 1.
    double[] cdf = new double[20];
    double pmf = Math.exp(-1);
    double sum = 0;
    for (int k = 0; k < cdf.length; k++) {
      sum += pmf;
      cdf[k] = sum;
      pmf /= k + 1;
    }
    cdf[cdf.length - 1] = 1.0;
    return cdf;
  }
}
