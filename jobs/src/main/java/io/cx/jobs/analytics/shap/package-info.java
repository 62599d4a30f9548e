/**
 * Exact SHAP values of MLlib tree models: {@link io.cx.jobs.analytics.shap.TreeEnsemble} (a flat
 * copy of a decision tree, GBT or random forest), {@link io.cx.jobs.analytics.shap.TreeShap}
 * (path-dependent TreeSHAP for one row) and {@link io.cx.jobs.analytics.shap.ShapSummary} (mean
 * |SHAP| over a Dataset in one deterministic pass, per feature or per {@link
 * io.cx.jobs.analytics.shap.FeatureSum}, overall and per group, as {@link
 * io.cx.jobs.analytics.shap.ShapImportance}); {@link io.cx.jobs.analytics.shap.CrossFittedShap}
 * (those summaries from held-out rows, cross-fitted by customer, beside a pure-noise feature);
 * {@link io.cx.jobs.analytics.shap.TreeEnsembleJson} saves and reloads an ensemble without MLlib.
 * The one path of method {@code shap_gbt} of the driver and churn jobs.
 */
package io.cx.jobs.analytics.shap;
