/**
 * {@code cx generate}: synthetic survey answers, behavioural events and customers with a planted
 * ground truth ({@link io.cx.jobs.generate.Truth}), so that every later job can be tested against
 * known drivers, thresholds, churn probabilities, a KPI drop and known bad rows. Pure Java, no
 * Spark; the same options give byte-identical files.
 */
package io.cx.jobs.generate;
