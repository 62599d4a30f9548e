/**
 * Where an operational metric starts to hurt a touchpoint's score: {@link
 * io.cx.jobs.drivers.thresholds.ThresholdFinder} and its {@link
 * io.cx.jobs.drivers.thresholds.ThresholdResult}, the statistics behind the {@code
 * metric_thresholds} table.
 */
package io.cx.jobs.drivers.thresholds;
