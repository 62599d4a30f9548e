/**
 * What drives churn, as driver_importance rows of target churn: {@link
 * io.cx.jobs.churn.importance.ShapGbtImportance} (method {@code shap_gbt}, mean |SHAP| over
 * held-out rows of trees cross-fitted with a noise feature, from {@code
 * analytics/shap/CrossFittedShap}), {@link io.cx.jobs.churn.importance.DriverEstimate} (one
 * driver's estimate by one method) and {@link io.cx.jobs.churn.importance.ChurnImportanceRows} (the
 * rows, built by {@code analytics/ImportanceRow}). The logit's importance is in {@code logit/}.
 */
package io.cx.jobs.churn.importance;
