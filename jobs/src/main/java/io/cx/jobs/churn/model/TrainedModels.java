package io.cx.jobs.churn.model;

import io.cx.jobs.churn.calibration.CalibratorSelection;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.logit.LogitFit;
import java.util.List;
import java.util.Map;

/**
 * Both churn models of one training run, with what explains and reproduces them.
 *
 * @param vectorizer the feature plan fitted on the fit rows
 * @param logitFit the logit's coefficients with their sandwich covariance
 * @param logitIterations Newton steps the logit took
 * @param logit the logit as the job applies it
 * @param gbt the trees as the job applies them
 * @param calibration per model name, the calibration chosen for it
 * @param classWeights weights of non-churners and churners in the logit's loss
 * @param fitRows rows the models were fitted on
 * @param calibrationRows rows the calibrations were fitted on
 */
public record TrainedModels(
    Vectorizer vectorizer,
    LogitFit logitFit,
    int logitIterations,
    LogitModel logit,
    GbtModel gbt,
    Map<String, CalibratorSelection.Choice> calibration,
    double[] classWeights,
    long fitRows,
    long calibrationRows) {

  /** The model names, logit first. */
  public static final List<String> NAMES = List.of(LogitModel.NAME, GbtModel.NAME);

  LogOddsModel model(String name) {
    return name.equals(LogitModel.NAME) ? logit : gbt;
  }

  List<LogOddsModel> models() {
    return List.of(logit, gbt);
  }

  /** The calibrated predictor of one model. */
  public ChurnPredictor predictor(String name) {
    return new ChurnPredictor(vectorizer, model(name), calibration.get(name).calibrator());
  }
}
