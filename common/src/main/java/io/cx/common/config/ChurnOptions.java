package io.cx.common.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code churn:} section of the job config: how churn models are trained, calibrated, explained
 * and scored, and which what-if scenarios are priced.
 *
 * @param minChurners below this many churners (or with one class only) no model is trained
 * @param split how train and test are split: {@code hash} (by customer) or {@code time}
 * @param testShare share of customers (hash split) or of the newest surveys (time split) in test
 * @param seed seed of the split hashes, the tree model and the interval replicates
 * @param calibrationShare share of the training customers held out to fit the calibration
 * @param calibration {@code auto} (chosen by cross-fitted log loss among none, platt and isotonic),
 *     {@code platt}, {@code isotonic} or {@code none}
 * @param cvFolds k of the k-fold cross-validation on the training split; 0 for none
 * @param topReasons how many reasons each scored customer gets
 * @param replicates replicates of the share intervals (draws for logit, bootstrap for shap_gbt) and
 *     draws of the what-if outcome models' coefficients for the driver_impact intervals
 * @param minNSegment responses a segment needs for its own shap_gbt and what-if rows
 * @param logit the logistic regression's settings
 * @param gbt the gradient-boosted trees' settings
 * @param scenarios the what-if scenarios priced per touchpoint
 */
public record ChurnOptions(
    int minChurners,
    String split,
    double testShare,
    long seed,
    double calibrationShare,
    String calibration,
    int cvFolds,
    int topReasons,
    int replicates,
    int minNSegment,
    Logit logit,
    Gbt gbt,
    List<Scenario> scenarios) {

  /** The calibration methods, {@code auto} first. */
  public static final List<String> CALIBRATIONS = List.of("auto", "none", "platt", "isotonic");

  /** Where a scenario moves answers to: the top-2 box's lowest point, or the top of the scale. */
  public static final List<String> SCENARIO_TARGETS = List.of("top2box", "top_box");

  public ChurnOptions {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * The regularised logistic regression (standardised features, class-weighted), fitted by Newton
   * iterations on MLlib's objective.
   *
   * @param regParam L2 penalty on the standardised coefficients (MLlib's regParam)
   * @param maxIter most Newton iterations (it typically converges in under 10)
   */
  public record Logit(double regParam, int maxIter) {}

  /**
   * MLlib's gradient-boosted trees.
   *
   * @param trees number of trees (maxIter)
   * @param maxDepth depth of each tree
   * @param stepSize learning rate
   * @param subsample share of rows each tree sees
   * @param minInstancesPerNode fewest rows in a leaf
   * @param maxBins bins per continuous feature
   */
  public record Gbt(
      int trees,
      int maxDepth,
      double stepSize,
      double subsample,
      int minInstancesPerNode,
      int maxBins) {}

  /**
   * A what-if: a share of a touchpoint's answers, lowest first, move up to {@code to}.
   *
   * @param name the scenario's id in driver_impact
   * @param share share of the touchpoint's answers that move (at most all those below the target)
   * @param to {@code top2box} (the top-2 box's lowest point) or {@code top_box} (the top)
   */
  public record Scenario(String name, double share, String to) {}

  static ChurnOptions read(ConfigNode n) {
    Problems p = n.problems();
    int minChurners = n.integer("min_churners", 50);
    String split = n.string("split", "hash");
    double testShare = n.number("test_share", 0.25);
    long seed = n.integer("seed", 42);
    double calibrationShare = n.number("calibration_share", 0.2);
    String calibration = n.string("calibration", "auto");
    int cvFolds = n.integer("cv_folds", 0);
    int topReasons = n.integer("top_reasons", 3);
    int replicates = n.integer("replicates", 200);
    int minNSegment = n.integer("min_n_segment", 50);
    p.check(minChurners >= 1, n.keyPath("min_churners"), "must be at least 1");
    p.check(
        split.equals("hash") || split.equals("time"),
        n.keyPath("split"),
        "'" + split + "' is not a split; use hash (by customer) or time (train on older surveys)");
    p.check(
        testShare > 0 && testShare < 1,
        n.keyPath("test_share"),
        "must be a share between 0 and 1, e.g. 0.25");
    p.check(
        calibrationShare > 0 && calibrationShare < 1,
        n.keyPath("calibration_share"),
        "must be a share between 0 and 1 of the training customers, e.g. 0.2");
    p.check(
        CALIBRATIONS.contains(calibration),
        n.keyPath("calibration"),
        "'" + calibration + "' is not a calibration; use auto, none, platt or isotonic");
    p.check(
        cvFolds == 0 || (cvFolds >= 2 && cvFolds <= 20),
        n.keyPath("cv_folds"),
        "must be 0 (no cross-validation) or a number of folds from 2 to 20, e.g. 5");
    p.check(
        topReasons >= 1 && topReasons <= 20,
        n.keyPath("top_reasons"),
        "must be between 1 and 20 reasons per customer, e.g. 3");
    p.check(
        replicates >= 20 && replicates <= 10_000,
        n.keyPath("replicates"),
        "must be between 20 and 10000, e.g. 200");
    p.check(minNSegment >= 10, n.keyPath("min_n_segment"), "must be at least 10 responses");
    return new ChurnOptions(
        minChurners,
        split,
        testShare,
        seed,
        calibrationShare,
        calibration,
        cvFolds,
        topReasons,
        replicates,
        minNSegment,
        logit(n.section("logit")),
        gbt(n.section("gbt")),
        scenarios(n));
  }

  private static Logit logit(ConfigNode n) {
    double reg = n.number("reg_param", 0.01);
    int maxIter = n.integer("max_iter", 100);
    Problems p = n.problems();
    p.check(reg >= 0, n.keyPath("reg_param"), "must be 0 or more, e.g. 0.01");
    p.check(maxIter >= 1, n.keyPath("max_iter"), "must be at least 1 iteration, e.g. 100");
    return new Logit(reg, maxIter);
  }

  private static Gbt gbt(ConfigNode n) {
    int trees = n.integer("trees", 100);
    int depth = n.integer("max_depth", 4);
    double step = n.number("step_size", 0.1);
    double subsample = n.number("subsample", 0.8);
    int minInstances = n.integer("min_instances_per_node", 20);
    int maxBins = n.integer("max_bins", 32);
    Problems p = n.problems();
    p.check(trees >= 1 && trees <= 2000, n.keyPath("trees"), "must be between 1 and 2000");
    p.check(depth >= 1 && depth <= 10, n.keyPath("max_depth"), "must be between 1 and 10");
    p.check(step > 0 && step <= 1, n.keyPath("step_size"), "must be in (0, 1], e.g. 0.1");
    p.check(
        subsample > 0 && subsample <= 1,
        n.keyPath("subsample"),
        "must be a share in (0, 1], e.g. 0.8");
    p.check(minInstances >= 1, n.keyPath("min_instances_per_node"), "must be at least 1");
    p.check(maxBins >= 2, n.keyPath("max_bins"), "must be at least 2, e.g. 32");
    return new Gbt(trees, depth, step, subsample, minInstances, maxBins);
  }

  private static List<Scenario> scenarios(ConfigNode n) {
    if (!n.has("scenarios")) {
      return List.of(new Scenario("plus_10pct_top2box", 0.10, "top2box"));
    }
    List<Scenario> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Problems p = n.problems();
    List<ConfigNode> nodes = n.sectionList("scenarios");
    p.check(
        !nodes.isEmpty(),
        n.keyPath("scenarios"),
        "must list at least one scenario, e.g. [{name: plus_10pct_top2box, share: 0.1}]");
    for (ConfigNode s : nodes) {
      String name = s.requiredString("name", "give the scenario an id, e.g. plus_10pct_top2box");
      double share = s.number("share", Double.NaN);
      String to = s.string("to", "top2box");
      boolean ok = name != null;
      if (name != null && !name.matches("[a-z][a-z0-9_]{0,62}")) {
        p.add(
            s.keyPath("name"),
            "'"
                + name
                + "' is not a valid id: use lower-case letters, digits and _, starting with a"
                + " letter, e.g. plus_10pct_top2box");
        ok = false;
      }
      if (name != null && !names.add(name)) {
        p.add(s.keyPath("name"), "scenario '" + name + "' is listed twice; give each its own name");
        ok = false;
      }
      if (!(share > 0 && share <= 1)) {
        p.add(
            s.keyPath("share"),
            "must be the share of a touchpoint's answers that move, in (0, 1], e.g. 0.1");
        ok = false;
      }
      if (!SCENARIO_TARGETS.contains(to)) {
        p.add(s.keyPath("to"), "'" + to + "' is not a target; use top2box or top_box");
        ok = false;
      }
      if (ok) {
        out.add(new Scenario(name, share, to));
      }
    }
    return out;
  }
}
