package io.cx.jobs.analytics.shap;

import java.io.Serializable;

/**
 * Running sums of one set of rows (all rows, or one group) over {@code k} feature sums: weighted
 * sums of |contribution| and contribution, and of the value feature's moments. Rows are added one
 * by one and partial sums merged in a fixed order, so the same input gives the same bits.
 */
final class ShapSums implements Serializable {
  private static final long serialVersionUID = 1L;

  long n;
  double weight;
  final double[] abs;
  final double[] signed;
  final double[] value;
  final double[] valueTimesContribution;
  final long[] answered;
  final double[] answeredWeight;
  final double[] answeredValue;

  ShapSums(int k) {
    abs = new double[k];
    signed = new double[k];
    value = new double[k];
    valueTimesContribution = new double[k];
    answered = new long[k];
    answeredWeight = new double[k];
    answeredValue = new double[k];
  }

  /**
   * Adds one row of weight {@code w}, feature values {@code x} and contributions {@code c}.
   *
   * @param valueIdx per feature sum, the position of its value feature in {@code x}, or -1
   * @param missingIdx per feature sum, the position of its missing indicator in {@code x}, or -1
   */
  void add(double w, double[] x, double[] c, int[] valueIdx, int[] missingIdx) {
    n++;
    weight += w;
    for (int g = 0; g < c.length; g++) {
      abs[g] += w * Math.abs(c[g]);
      signed[g] += w * c[g];
      int v = valueIdx[g];
      if (v >= 0) {
        double wx = w * x[v];
        value[g] += wx;
        valueTimesContribution[g] += wx * c[g];
        int missing = missingIdx[g];
        if (missing < 0 || x[missing] == 0) {
          answered[g]++;
          answeredWeight[g] += w;
          answeredValue[g] += wx;
        }
      }
    }
  }

  /** Adds {@code o} into these sums and returns them. */
  ShapSums addAll(ShapSums o) {
    n += o.n;
    weight += o.weight;
    for (int g = 0; g < abs.length; g++) {
      abs[g] += o.abs[g];
      signed[g] += o.signed[g];
      value[g] += o.value[g];
      valueTimesContribution[g] += o.valueTimesContribution[g];
      answered[g] += o.answered[g];
      answeredWeight[g] += o.answeredWeight[g];
      answeredValue[g] += o.answeredValue[g];
    }
    return this;
  }
}
