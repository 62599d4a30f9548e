package io.cx.jobs.generate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve by the Mann-Whitney formula: {@code (R+ - n+(n+ + 1)/2) / (n+ n-)},
 * where {@code R+} is the sum of the positives' ranks among all scores, tied scores sharing their
 * average rank.
 */
final class Auc {
  private Auc() {}

  /** The AUC of the scores for the labels; NaN when either class is empty. */
  static double mannWhitney(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double positiveRanks = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          positiveRanks += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
