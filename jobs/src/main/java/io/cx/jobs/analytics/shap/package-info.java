/**
 * Exact SHAP values of MLlib tree models: {@link io.cx.jobs.analytics.shap.TreeEnsemble} (a flat
 * copy of a decision tree, GBT or random forest), {@link io.cx.jobs.analytics.shap.TreeShap}
 * (path-dependent TreeSHAP for one row) and {@link io.cx.jobs.analytics.shap.ShapSummary} (mean
 * |SHAP| per feature and per-row top reasons over a Dataset, in one pass); {@link
 * io.cx.jobs.analytics.shap.TreeEnsembleJson} saves and reloads an ensemble without MLlib. Used by
 * the driver and churn jobs.
 */
package io.cx.jobs.analytics.shap;
