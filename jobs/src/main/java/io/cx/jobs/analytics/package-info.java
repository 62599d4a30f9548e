/**
 * The analytics the drivers and churn jobs share: {@code stats/} (the driver statistics: moments,
 * LMG, relative weights, intervals, quadrants, Kano classes), {@code shap/} (exact TreeSHAP of
 * MLlib tree models) and {@link io.cx.jobs.analytics.ImportanceRow}, the one builder of
 * driver_importance rows. Nothing here reads or writes a table.
 */
package io.cx.jobs.analytics;
