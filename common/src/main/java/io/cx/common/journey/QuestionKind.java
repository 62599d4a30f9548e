package io.cx.common.journey;

/** What a survey question measures. */
public enum QuestionKind {
  /** Satisfaction with one touchpoint. */
  CSAT,
  /** Likelihood to recommend, 0..10 (promoters 9-10, detractors 0-6). */
  NPS,
  /** Customer effort. */
  CES,
  /** Overall satisfaction with the journey. */
  OVERALL;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
