package io.cx.common.journey;

/**
 * A survey question the suite may see.
 *
 * @param id the question id, as in the survey export
 * @param touchpoint the touchpoint it rates, or null for journey-level questions
 * @param kind what it measures
 * @param scaleMin lowest score of the scale
 * @param scaleMax highest score of the scale
 */
public record Question(
    String id, String touchpoint, QuestionKind kind, double scaleMin, double scaleMax) {

  /** The score on 0..1: (score - min) / (max - min). */
  public double normalise(double score) {
    return (score - scaleMin) / (scaleMax - scaleMin);
  }

  /** Whether a score lies on the scale. */
  public boolean onScale(double score) {
    return score >= scaleMin && score <= scaleMax;
  }
}
