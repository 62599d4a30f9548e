/**
 * The analytics the drivers and churn jobs share: {@code stats/} (the driver statistics: moments,
 * LMG, relative weights, intervals, quadrants, Kano classes), {@code shap/} (exact TreeSHAP of tree
 * ensembles and their JSON form), {@code trees/} (gradient-boosted trees fitted in memory into such
 * an ensemble) and {@link io.cx.jobs.analytics.ImportanceRow}, the one builder of driver_importance
 * rows. Nothing here reads or writes a table.
 */
package io.cx.jobs.analytics;
