/**
 * Where an operational metric starts to hurt a touchpoint's score, if it has a tipping point: the
 * split search {@link io.cx.jobs.drivers.thresholds.ThresholdFinder} (and its {@link
 * io.cx.jobs.drivers.thresholds.ThresholdResult}), the step-versus-trend test {@link
 * io.cx.jobs.drivers.thresholds.StepVsTrend}, the bootstrap interval {@link
 * io.cx.jobs.drivers.thresholds.ThresholdBootstrap}, and {@link
 * io.cx.jobs.drivers.thresholds.TippingPoints}, which runs them per pair and corrects a run's pairs
 * together: the statistics behind the {@code metric_thresholds} table.
 */
package io.cx.jobs.drivers.thresholds;
