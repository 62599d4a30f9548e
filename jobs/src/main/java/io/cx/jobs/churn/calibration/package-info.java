/**
 * From a model's log-odds to a churn probability that can be read as a rate: {@link
 * io.cx.jobs.churn.calibration.Calibrator} (the fitted map: none, Platt or isotonic), {@link
 * io.cx.jobs.churn.calibration.CalibratorSelection} (fits one, or chooses by cross-fitted log
 * loss), {@link io.cx.jobs.churn.calibration.CalibrationHistogram} (the calibration rows by margin,
 * all the fits need), {@link io.cx.jobs.churn.calibration.PlattFit} and {@link
 * io.cx.jobs.churn.calibration.Pava} (isotonic regression).
 */
package io.cx.jobs.churn.calibration;
