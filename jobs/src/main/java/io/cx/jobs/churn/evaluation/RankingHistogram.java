package io.cx.jobs.churn.evaluation;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scored rows grouped by distinct score: for each score, highest first, how many positives and
 * negatives have it. It is all the ranking metrics need (ties share their rank), and it is small:
 * the Spark side groups probabilities on a grid of 1e-6 ({@link #GRID}), so at most a million and
 * one groups reach the driver however many rows were scored.
 *
 * @param score distinct scores, strictly decreasing
 * @param positives positives with each score
 * @param negatives negatives with each score
 */
record RankingHistogram(double[] score, long[] positives, long[] negatives) {
  /** Probabilities are grouped on this grid for the ranking metrics. */
  static final double GRID = 1e-6;

  RankingHistogram {
    if (score.length != positives.length || score.length != negatives.length) {
      throw new IllegalArgumentException(
          "Cannot build a score histogram: "
              + score.length
              + " scores, "
              + positives.length
              + " positive counts, "
              + negatives.length
              + " negative counts");
    }
    for (int i = 1; i < score.length; i++) {
      if (!(score[i] < score[i - 1])) {
        throw new IllegalArgumentException(
            "Cannot build a score histogram: scores must be strictly decreasing, got "
                + score[i - 1]
                + " then "
                + score[i]);
      }
    }
  }

  /** The histogram of exact scores; labels are 1 (positive) or 0. */
  static RankingHistogram of(double[] p, double[] y) {
    if (p.length != y.length) {
      throw new IllegalArgumentException(
          "Cannot build a score histogram: " + p.length + " scores but " + y.length + " labels");
    }
    TreeMap<Double, long[]> groups = new TreeMap<>();
    for (int i = 0; i < p.length; i++) {
      long[] c = groups.computeIfAbsent(p[i], k -> new long[2]);
      c[y[i] > 0.5 ? 0 : 1]++;
    }
    return fromAscending(groups);
  }

  /** From counts per score (positives, negatives), keyed in ascending order. */
  static RankingHistogram fromAscending(TreeMap<Double, long[]> groups) {
    int k = groups.size();
    double[] s = new double[k];
    long[] pos = new long[k];
    long[] neg = new long[k];
    int i = k - 1;
    for (Map.Entry<Double, long[]> e : groups.entrySet()) {
      s[i] = e.getKey();
      pos[i] = e.getValue()[0];
      neg[i] = e.getValue()[1];
      i--;
    }
    return new RankingHistogram(s, pos, neg);
  }

  long totalPositives() {
    return Arrays.stream(positives).sum();
  }

  long totalNegatives() {
    return Arrays.stream(negatives).sum();
  }
}
