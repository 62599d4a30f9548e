package io.cx.common.config;

/**
 * The {@code drivers:} section: how driver importance and metric thresholds are estimated.
 *
 * @param minN responses needed to estimate the overall (segment ALL) drivers
 * @param minNSegment responses needed to estimate one segment's drivers
 * @param replicates Poisson bootstrap replicates for the confidence intervals
 * @param seed seed of the bootstrap weights, the tree model and the permutation tests
 * @param thresholdPermutations permutations of the threshold p-value
 */
public record DriverOptions(
    int minN, int minNSegment, int replicates, long seed, int thresholdPermutations) {

  static DriverOptions read(ConfigNode n) {
    int minN = n.integer("min_n", 100);
    int minNSegment = n.integer("min_n_segment", 50);
    int replicates = n.integer("replicates", 200);
    long seed = n.integer("seed", 42);
    int perms = n.integer("threshold_permutations", 999);
    Problems p = n.problems();
    p.check(minN >= 10, n.keyPath("min_n"), "must be at least 10 responses");
    p.check(minNSegment >= 10, n.keyPath("min_n_segment"), "must be at least 10 responses");
    p.check(
        replicates >= 20 && replicates <= 2000,
        n.keyPath("replicates"),
        "must be between 20 and 2000");
    p.check(perms >= 99, n.keyPath("threshold_permutations"), "must be at least 99");
    return new DriverOptions(minN, minNSegment, replicates, seed, perms);
  }
}
