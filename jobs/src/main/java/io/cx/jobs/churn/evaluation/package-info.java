/**
 * How good the churn probabilities are: {@link io.cx.jobs.churn.evaluation.BinaryMetrics} (AUC,
 * average precision, log loss, Brier, lift) from a {@link
 * io.cx.jobs.churn.evaluation.RankingHistogram}, {@link io.cx.jobs.churn.evaluation.Reliability}
 * (reliability table and ECE), {@link io.cx.jobs.churn.evaluation.ModelCurves} (the ROC, lift and
 * calibration curves of the same statistics), {@link
 * io.cx.jobs.churn.evaluation.ProbabilityEvaluation} (all three, for probability columns of a
 * Dataset), {@link io.cx.jobs.churn.evaluation.ModelMetrics} (the trained models per split, as
 * model_metrics values) and {@link io.cx.jobs.churn.evaluation.CrossValidation}.
 */
package io.cx.jobs.churn.evaluation;
