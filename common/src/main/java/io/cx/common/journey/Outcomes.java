package io.cx.common.journey;

/**
 * The questions that are the targets of the models.
 *
 * @param satisfaction target of the satisfaction driver models
 * @param recommend the NPS question
 * @param effort the customer-effort question, or null
 */
public record Outcomes(String satisfaction, String recommend, String effort) {}
