package io.cx.jobs.generate;

import java.util.List;

/**
 * Deterministic random numbers: SplitMix64 with the few distributions the generator needs. The
 * algorithm and the transcendental functions ({@link StrictMath}) are fixed here rather than taken
 * from the JDK, so that a seed gives byte-identical data on every Java version and platform.
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An independent stream, e.g. one per customer, so that customers do not disturb each other. */
  Rng split() {
    return new Rng(nextLong() ^ 0x5DEECE66DL);
  }

  /** Uniform on [0, 1). */
  double uniform() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  double uniform(double low, double high) {
    return low + (high - low) * uniform();
  }

  /** Uniform integer on [0, n). */
  int below(int n) {
    return (int) (uniform() * n);
  }

  /** Uniform long on [0, n). */
  long below(long n) {
    return (long) (uniform() * n);
  }

  boolean chance(double p) {
    return uniform() < p;
  }

  /** Standard normal, by Box-Muller (one value per call, no cached pair). */
  double gaussian() {
    double u1 = 1.0 - uniform();
    double u2 = uniform();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  double normal(double mean, double sd) {
    return mean + sd * gaussian();
  }

  double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - uniform());
  }

  /** Log-normal with the given median and log-scale sd. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  /** Poisson by Knuth's method; fine for the small means used here. */
  int poisson(double mean) {
    double limit = StrictMath.exp(-mean);
    double product = uniform();
    int k = 0;
    while (product > limit) {
      product *= uniform();
      k++;
    }
    return k;
  }

  <T> T pick(List<T> items) {
    return items.get(below(items.size()));
  }

  /** One of the items, with probability proportional to its weight. */
  <T> T pick(List<T> items, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = uniform() * total;
    for (int i = 0; i < items.size(); i++) {
      u -= weights[i];
      if (u < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }
}
