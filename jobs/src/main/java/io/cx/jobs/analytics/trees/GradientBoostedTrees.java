package io.cx.jobs.analytics.trees;

import io.cx.jobs.analytics.shap.TreeEnsemble;
import io.cx.jobs.analytics.shap.TreeEnsembleBuilder;
import java.util.Arrays;

/**
 * Gradient-boosted trees fitted in memory, in one JVM thread, by histogram Newton boosting (the
 * method of XGBoost's and LightGBM's histogram learners and scikit-learn's HistGradientBoosting),
 * with MLlib's parameters. The result is a {@link TreeEnsemble}, which scores rows and which {@code
 * TreeShap} explains, without MLlib and without Spark jobs.
 *
 * <p>The fit:
 *
 * <ol>
 *   <li>bins the features ({@link FeatureBins}: at most {@code maxBins} bins per continuous
 *       feature, one per level of a categorical one);
 *   <li>starts every row at the initial score {@code F0} of the {@link Loss} (weighted mean label,
 *       or log-odds of the weighted share of 1s);
 *   <li>for each of {@code trees} rounds: computes each row's gradient and hessian at its current
 *       output, draws the round's rows ({@link RowSampler}), grows a tree of depth at most {@code
 *       maxDepth} on them ({@link TreeGrower}: Newton leaves {@code -G / (H + lambda)}, splits of
 *       largest gain with at least {@code minInstancesPerNode} rows per child), and adds {@code
 *       stepSize} times the tree's leaf value to every row's output.
 * </ol>
 *
 * <p>The ensemble's first tree is a single leaf holding {@code F0}, weight 1, cover the total
 * weight of all rows; each boosted tree follows with weight {@code stepSize} and its raw Newton
 * leaf values. So {@link TreeEnsemble#predict} is the model's output (for {@link Loss#LOGISTIC} the
 * log-odds: {@code P(y = 1) = 1 / (1 + exp(-F))}, unlike MLlib's {@code 2F}) and {@link
 * TreeEnsemble#expectedValue} is {@code F0} plus each tree's cover-weighted mean leaf.
 *
 * <p>Deterministic: the same data, parameters and seed give an equal ensemble, bit for bit.
 */
public final class GradientBoostedTrees {
  private GradientBoostedTrees() {}

  /**
   * The parameters of a fit, checked when built.
   *
   * @param trees boosting rounds, at least 1 (MLlib's {@code maxIter})
   * @param maxDepth depth of each tree, 1 to 30; the root is depth 0, so at most {@code 2^maxDepth}
   *     leaves
   * @param stepSize shrinkage, in (0, 1]
   * @param subsample share of the rows each tree sees, drawn without replacement, in (0, 1]
   * @param minInstancesPerNode the fewest rows of the tree's sample each child of a split may have,
   *     at least 1 (rows are counted, not weighed)
   * @param maxBins most bins per continuous feature, 2 to {@value #MAX_BINS}
   * @param lambda L2 penalty on leaf values, finite and at least 0 (0 is MLlib's behaviour)
   */
  public record Params(
      int trees,
      int maxDepth,
      double stepSize,
      double subsample,
      int minInstancesPerNode,
      int maxBins,
      double lambda) {

    /** The largest {@code maxBins}. */
    public static final int MAX_BINS = TrainingSet.MAX_LEVELS;

    public Params {
      check(trees >= 1, "trees must be at least 1, got " + trees);
      check(maxDepth >= 1 && maxDepth <= 30, "maxDepth must be in [1, 30], got " + maxDepth);
      check(stepSize > 0 && stepSize <= 1, "stepSize must be in (0, 1], got " + stepSize);
      check(subsample > 0 && subsample <= 1, "subsample must be in (0, 1], got " + subsample);
      check(
          minInstancesPerNode >= 1,
          "minInstancesPerNode must be at least 1, got " + minInstancesPerNode);
      check(
          maxBins >= 2 && maxBins <= MAX_BINS,
          "maxBins must be in [2, " + MAX_BINS + "], got " + maxBins);
      check(
          lambda >= 0 && Double.isFinite(lambda),
          "lambda must be finite and at least 0, got " + lambda);
    }

    /**
     * MLlib's defaults: 20 trees of depth 5, step 0.1, no subsampling, 1 row per node, 32 bins; no
     * L2 penalty.
     */
    public static Params defaults() {
      return new Params(20, 5, 0.1, 1.0, 1, 32, 0.0);
    }

    private static void check(boolean ok, String problem) {
      if (!ok) {
        throw new IllegalArgumentException("Cannot fit gradient-boosted trees: " + problem);
      }
    }
  }

  /**
   * Fits an ensemble to {@code data}.
   *
   * @param seed seeds the row sampling; unused when every tree sees all rows
   * @throws IllegalArgumentException if the labels do not suit the loss
   */
  public static TreeEnsemble fit(TrainingSet data, Loss loss, Params p, long seed) {
    int n = data.rows();
    double[] y = data.labels();
    double[] w = data.weights();
    double base = loss.initialScore(y, w);
    FeatureBins bins = FeatureBins.of(data, p.maxBins());

    TreeEnsembleBuilder ensemble = new TreeEnsembleBuilder(data.features());
    double totalWeight = 0;
    for (double wi : w) {
      totalWeight += wi;
    }
    ensemble.addTree(ensemble.leaf(base, totalWeight), 1.0);

    double[] f = new double[n];
    Arrays.fill(f, base);
    double[] g = new double[n];
    double[] h = new double[n];
    RowSampler sampler = new RowSampler(n, p.subsample(), seed);
    TreeGrower grower = new TreeGrower(bins, n, p.lambda(), p.maxDepth(), p.minInstancesPerNode());
    for (int t = 0; t < p.trees(); t++) {
      loss.derivatives(f, y, w, g, h);
      int[] sample = sampler.next();
      BinnedTree tree = grower.grow(sample, g, h, w);
      ensemble.addTree(tree.addTo(ensemble, bins), p.stepSize());
      double[] leafValue = grower.sampleLeafValues();
      for (int r = 0; r < n; r++) {
        f[r] += p.stepSize() * (sample.length == n ? leafValue[r] : tree.predict(bins, r));
      }
    }
    return ensemble.build();
  }

  /**
   * Fits an ensemble to rows {@code x[row][feature]}.
   *
   * @param w instance weights, or null for 1 each
   * @param levels per feature 0 (continuous) or its number of levels; null if all are continuous
   * @see TrainingSet#ofColumns
   */
  public static TreeEnsemble fit(
      double[][] x, double[] y, double[] w, int[] levels, Loss loss, Params p, long seed) {
    return fit(TrainingSet.ofRows(x, y, w, levels), loss, p, seed);
  }
}
