package io.cx.jobs.drivers;

import io.cx.jobs.analytics.stats.BootstrapMoments;
import io.cx.jobs.analytics.stats.PairwiseMoments;
import io.cx.jobs.analytics.stats.PenaltyReward;
import java.io.Serializable;

/**
 * Everything the linear driver methods need of one segment (or of a part of one, or of ALL),
 * mergeable: per target, filled from the responses where that target is present,
 *
 * <ul>
 *   <li>{@link #linear}: {@link BootstrapMoments} over {@code [target, touchpoint_1..K]}, the
 *       sample and its Poisson-bootstrap replicates: correlations for LMG, relative weights and
 *       their intervals, touchpoint means (performance);
 *   <li>{@link #kano}: {@link PairwiseMoments} over {@code [low_1, high_1, ..., low_K, high_K,
 *       target]}, the bottom-box and top-box dummies of every touchpoint, for the penalty-reward
 *       regression ({@link PenaltyReward}), and {@link #kanoBoxes}: per touchpoint, the responses
 *       in its bottom, middle and top box (unweighted, responses with a weight above 0);
 *   <li>{@link #metrics}: {@link PairwiseMoments} over {@code [target, metric_1..M]}, for the
 *       direction and answer counts of the metric drivers of shap_gbt.
 * </ul>
 *
 * All three weigh each response by its survey weight. Not thread-safe.
 */
final class SegmentMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int touchpoints;
  private final int metricCount;
  private final double kanoLowMax;
  private final double kanoHighMin;
  private final BootstrapMoments[] linear;
  private final PairwiseMoments[] kano;
  private final PairwiseMoments[] metrics;
  private final long[][] boxes;
  private transient double[] linearRow;
  private transient double[] kanoRow;
  private transient double[] metricRow;

  SegmentMoments(
      int touchpoints,
      int metricCount,
      int replicates,
      long seed,
      double kanoLowMax,
      double kanoHighMin) {
    this.touchpoints = touchpoints;
    this.metricCount = metricCount;
    this.kanoLowMax = kanoLowMax;
    this.kanoHighMin = kanoHighMin;
    int targets = Target.values().length;
    this.linear = new BootstrapMoments[targets];
    this.kano = new PairwiseMoments[targets];
    this.metrics = new PairwiseMoments[targets];
    this.boxes = new long[targets][3 * touchpoints];
    for (int t = 0; t < targets; t++) {
      linear[t] = new BootstrapMoments(touchpoints + 1, replicates, seed);
      kano[t] = new PairwiseMoments(2 * touchpoints + 1);
      metrics[t] = new PairwiseMoments(metricCount + 1);
    }
  }

  /** Adds one response to the statistics of each target it has. */
  void add(ResponseValues r) {
    if (linearRow == null) {
      linearRow = new double[touchpoints + 1];
      kanoRow = new double[2 * touchpoints + 1];
      metricRow = new double[metricCount + 1];
    }
    double[] v = r.values();
    double w = r.weight();
    for (Target t : Target.values()) {
      double y = v[JourneyLayout.targetIndex(t)];
      if (Double.isNaN(y)) {
        continue;
      }
      linearRow[0] = y;
      for (int a = 0; a < touchpoints; a++) {
        double score = v[JourneyLayout.touchpointIndex(a)];
        linearRow[a + 1] = score;
        PenaltyReward.encode(score, kanoLowMax, kanoHighMin, kanoRow, a);
        if (w > 0) {
          PenaltyReward.count(score, kanoLowMax, kanoHighMin, boxes[t.ordinal()], a);
        }
      }
      kanoRow[2 * touchpoints] = y;
      metricRow[0] = y;
      System.arraycopy(v, JourneyLayout.FIRST_TOUCHPOINT + touchpoints, metricRow, 1, metricCount);
      int i = t.ordinal();
      linear[i].add(r.keyHash(), linearRow, w);
      kano[i].add(kanoRow, w);
      metrics[i].add(metricRow, w);
    }
  }

  /** Adds the responses summarised by {@code other} (same layout and settings). */
  SegmentMoments merge(SegmentMoments other) {
    for (int t = 0; t < linear.length; t++) {
      linear[t].merge(other.linear[t]);
      kano[t].merge(other.kano[t]);
      metrics[t].merge(other.metrics[t]);
      for (int b = 0; b < boxes[t].length; b++) {
        boxes[t][b] += other.boxes[t][b];
      }
    }
    return this;
  }

  int touchpoints() {
    return touchpoints;
  }

  int metricCount() {
    return metricCount;
  }

  /** Sample and replicates over {@code [target, touchpoints...]}. */
  BootstrapMoments linear(Target t) {
    return linear[t.ordinal()];
  }

  /** Dummies {@code [low_1, high_1, ..., target]}. */
  PairwiseMoments kano(Target t) {
    return kano[t.ordinal()];
  }

  /** Per touchpoint, responses in its bottom, middle and top box ({@link PenaltyReward#count}). */
  long[] kanoBoxes(Target t) {
    return boxes[t.ordinal()];
  }

  /** {@code [target, metrics...]}. */
  PairwiseMoments metrics(Target t) {
    return metrics[t.ordinal()];
  }
}
