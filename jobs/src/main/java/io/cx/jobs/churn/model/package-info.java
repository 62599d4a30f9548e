/**
 * The two churn models of a journey, from labelled rows to what scores customers: {@link
 * io.cx.jobs.churn.model.Splits} (fit, calibration and test parts by customer), {@link
 * io.cx.jobs.churn.model.Readiness} (whether the rows can support a model), {@link
 * io.cx.jobs.churn.model.ModelTraining} (both models trained and calibrated), {@link
 * io.cx.jobs.churn.model.TrainedModels}; the models as applied, {@link
 * io.cx.jobs.churn.model.LogOddsModel} ({@link io.cx.jobs.churn.model.LogitModel}, {@link
 * io.cx.jobs.churn.model.GbtModel}: log-odds and per-driver contributions) and {@link
 * io.cx.jobs.churn.model.ChurnPredictor} (features, model and calibration: a churn probability).
 */
package io.cx.jobs.churn.model;
