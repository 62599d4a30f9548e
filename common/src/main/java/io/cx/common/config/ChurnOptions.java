package io.cx.common.config;

/**
 * The {@code churn:} section of the job config: how churn models are trained and scored.
 *
 * @param minChurners below this many churners (or with one class only) no model is trained
 * @param split how train and test are split: {@code hash} (by customer) or {@code time}
 * @param testShare share of customers (hash split) or of the newest surveys (time split) in test
 * @param seed seed of the models
 */
public record ChurnOptions(int minChurners, String split, double testShare, long seed) {

  static ChurnOptions read(ConfigNode n) {
    int minChurners = n.integer("min_churners", 50);
    String split = n.string("split", "hash");
    double testShare = n.number("test_share", 0.25);
    long seed = n.integer("seed", 42);
    Problems p = n.problems();
    p.check(minChurners >= 1, n.keyPath("min_churners"), "must be at least 1");
    p.check(
        split.equals("hash") || split.equals("time"),
        n.keyPath("split"),
        "'" + split + "' is not a split; use hash (by customer) or time (train on older surveys)");
    p.check(
        testShare > 0 && testShare < 1,
        n.keyPath("test_share"),
        "must be a share between 0 and 1, e.g. 0.25");
    return new ChurnOptions(minChurners, split, testShare, seed);
  }
}
