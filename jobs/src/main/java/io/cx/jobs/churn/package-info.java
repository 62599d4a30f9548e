/**
 * {@code cx churn}: who will leave, why, and what an improvement is worth. Three layers, as in
 * every job: {@link io.cx.jobs.churn.ChurnJob} reads journey_features and churn_labels at the
 * versions it records, saves the models ({@link io.cx.jobs.churn.ModelStore}, {@link
 * io.cx.jobs.churn.ModelSidecar}) and writes the tables; {@link io.cx.jobs.churn.ChurnAnalysis} is
 * the transform, a function of DataFrames that tests call in memory; {@link
 * io.cx.jobs.churn.JourneyChurn} models one journey top to bottom. The methods sit in sub-packages
 * by concern: {@code features/} (the model's inputs), {@code model/} (splits, training and the
 * fitted models), {@code logit/} (the logistic regression's fit and importance), {@code
 * calibration/}, {@code evaluation/} (metrics, cross-validation), {@code importance/}
 * (driver_importance rows), {@code whatif/} (driver_impact), {@code spark/} (reproducible folds,
 * step names). Nothing in a sub-package imports this package.
 */
package io.cx.jobs.churn;
