package io.cx.common.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code drivers:} section: how driver importance and metric thresholds are estimated.
 *
 * @param minN responses needed to estimate the overall (segment ALL) drivers
 * @param minNSegment responses needed to estimate one segment's drivers
 * @param replicates Poisson bootstrap replicates for the confidence intervals; also the bootstrap
 *     replicates of a metric threshold's interval
 * @param seed seed of the bootstrap weights, the tree model and the permutation tests
 * @param thresholdPermutations permutations of each of the two threshold tests (any drop; the step
 *     against a smooth trend)
 * @param methods the methods to run, among {@link #ALL_METHODS}
 * @param minNDriver answers (together with the target) a touchpoint needs in a segment to enter the
 *     linear models; a pair of touchpoints answered together fewer times gets correlation 0
 * @param kanoLowMax a touchpoint score (0..1) at or below this is bottom-box in the penalty-reward
 *     regression (0.25: the bottom two points of a 5-point scale)
 * @param kanoHighMin a score at or above this is top-box (0.75: the top two points of 5)
 * @param kanoMinCount fewest responses in each of a touchpoint's bottom, middle and top boxes for a
 *     Kano class; fewer: kano_status {@code insufficient}, no class
 * @param crosshairShare the importance share where the IPA grid is split; null: the mean share of
 *     the drivers of that target, segment and method
 * @param crosshairPerformance the performance (0..1) where the IPA grid is split; null: the mean
 * @param gbtTrees boosting iterations of the shap_gbt model
 * @param gbtDepth depth of its trees
 * @param gbtStepSize its learning rate, in (0, 1]
 * @param gbtSubsample share of the responses each of its trees sees, in (0, 1]
 * @param gbtMinInstancesPerNode fewest responses in one of its leaves
 * @param thresholdSample at most this many responses per metric and touchpoint go into the
 *     threshold search (a deterministic sample by a hash of response_id)
 * @param thresholdAlpha the false-discovery rate of the thresholds: a threshold is reported when
 *     its Benjamini-Hochberg q-value across the run's pairs (of the drop and the step beating the
 *     trend) is at most this
 */
public record DriverOptions(
    int minN,
    int minNSegment,
    int replicates,
    long seed,
    int thresholdPermutations,
    List<String> methods,
    int minNDriver,
    double kanoLowMax,
    double kanoHighMin,
    int kanoMinCount,
    Double crosshairShare,
    Double crosshairPerformance,
    int gbtTrees,
    int gbtDepth,
    double gbtStepSize,
    double gbtSubsample,
    int gbtMinInstancesPerNode,
    int thresholdSample,
    double thresholdAlpha)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String LMG = "lmg";
  public static final String RELATIVE_WEIGHT = "relative_weight";
  public static final String SHAP_GBT = "shap_gbt";

  /** The methods of the driver job, in the order it runs them. */
  public static final List<String> ALL_METHODS = List.of(LMG, RELATIVE_WEIGHT, SHAP_GBT);

  public DriverOptions {
    methods = List.copyOf(methods);
  }

  /** Whether the method is to be run. */
  public boolean runs(String method) {
    return methods.contains(method);
  }

  static DriverOptions read(ConfigNode n) {
    int minN = n.integer("min_n", 100);
    int minNSegment = n.integer("min_n_segment", 50);
    int replicates = n.integer("replicates", 200);
    long seed = n.integer("seed", 42);
    int perms = n.integer("threshold_permutations", 999);
    List<String> methods =
        n.has("methods") ? n.stringList("methods") : new ArrayList<>(ALL_METHODS);
    int minNDriver = n.integer("min_n_driver", 30);
    double low = n.number("kano_low_max", 0.25);
    double high = n.number("kano_high_min", 0.75);
    int kanoMinCount = n.integer("kano_min_count", 30);
    Double share = n.has("crosshair_share") ? n.number("crosshair_share", 0) : null;
    Double performance =
        n.has("crosshair_performance") ? n.number("crosshair_performance", 0) : null;
    int trees = n.integer("gbt_trees", 50);
    int depth = n.integer("gbt_depth", 4);
    double step = n.number("gbt_step_size", 0.1);
    double subsample = n.number("gbt_subsample", 0.8);
    int minInstances = n.integer("gbt_min_instances_per_node", 5);
    int sample = n.integer("threshold_sample", 200_000);
    double alpha = n.number("threshold_alpha", 0.05);

    Problems p = n.problems();
    p.check(minN >= 10, n.keyPath("min_n"), "must be at least 10 responses");
    p.check(minNSegment >= 10, n.keyPath("min_n_segment"), "must be at least 10 responses");
    p.check(
        replicates >= 20 && replicates <= 2000,
        n.keyPath("replicates"),
        "must be between 20 and 2000");
    p.check(perms >= 99, n.keyPath("threshold_permutations"), "must be at least 99");
    for (String m : methods) {
      p.check(
          ALL_METHODS.contains(m),
          n.keyPath("methods"),
          "'" + m + "' is not a method; use lmg, relative_weight or shap_gbt");
    }
    p.check(
        !methods.isEmpty(),
        n.keyPath("methods"),
        "must list at least one of lmg, relative_weight, shap_gbt");
    p.check(
        minNDriver >= 3 && minNDriver <= minNSegment,
        n.keyPath("min_n_driver"),
        "must be at least 3 answers and at most min_n_segment (" + minNSegment + ")");
    p.check(
        low >= 0 && low < high && high <= 1,
        n.keyPath("kano_low_max"),
        "must be below kano_high_min, both on the 0..1 score scale (e.g. 0.25 and 0.75)");
    p.check(
        kanoMinCount >= 1,
        n.keyPath("kano_min_count"),
        "must be at least 1 response per box, e.g. 30");
    p.check(
        share == null || (share > 0 && share < 1),
        n.keyPath("crosshair_share"),
        "must be a share between 0 and 1, e.g. 0.1; leave it out to split at the mean share");
    p.check(
        performance == null || (performance >= 0 && performance <= 1),
        n.keyPath("crosshair_performance"),
        "must be a score between 0 and 1, e.g. 0.8; leave it out to split at the mean");
    p.check(trees >= 1 && trees <= 500, n.keyPath("gbt_trees"), "must be between 1 and 500");
    p.check(depth >= 1 && depth <= 10, n.keyPath("gbt_depth"), "must be between 1 and 10");
    p.check(step > 0 && step <= 1, n.keyPath("gbt_step_size"), "must be in (0, 1], e.g. 0.1");
    p.check(
        subsample > 0 && subsample <= 1,
        n.keyPath("gbt_subsample"),
        "must be a share in (0, 1], e.g. 0.8");
    p.check(
        minInstances >= 1,
        n.keyPath("gbt_min_instances_per_node"),
        "must be at least 1 response, e.g. 5");
    p.check(
        sample >= 1_000, n.keyPath("threshold_sample"), "must be at least 1000 responses per pair");
    p.check(
        alpha > 0 && alpha < 1,
        n.keyPath("threshold_alpha"),
        "must be a probability between 0 and 1, e.g. 0.05");
    return new DriverOptions(
        minN,
        minNSegment,
        replicates,
        seed,
        perms,
        methods,
        minNDriver,
        low,
        high,
        kanoMinCount,
        share,
        performance,
        trees,
        depth,
        step,
        subsample,
        minInstances,
        sample,
        alpha);
  }
}
