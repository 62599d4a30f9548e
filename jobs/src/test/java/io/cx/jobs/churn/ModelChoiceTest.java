package io.cx.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.jobs.churn.calibration.Calibrator;
import io.cx.jobs.churn.calibration.CalibratorSelection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model that scores the customers is chosen on the calibration customers' held-out log loss,
 * never on the test split whose metrics are then reported.
 */
class ModelChoiceTest {
  private static CalibratorSelection.Choice choice(Calibrator c, Map<String, Double> loss) {
    return new CalibratorSelection.Choice(c, loss, 500);
  }

  @Test
  void theLowerHeldOutLogLossOfTheCalibratedModelWins() {
    Calibrator none = new Calibrator.None();
    Calibrator platt = new Calibrator.Platt(1.0, 0.0);
    // The gbt's uncalibrated loss is lower, but the logit as calibrated (platt) is better.
    var logit = choice(platt, Map.of("none", 0.52, "platt", 0.41, "isotonic", 0.43));
    var gbt = choice(none, Map.of("none", 0.45, "platt", 0.46, "isotonic", 0.47));
    assertEquals("logit", JourneyChurn.choose(Map.of("logit", logit, "gbt", gbt)));
    var betterGbt = choice(none, Map.of("none", 0.40));
    assertEquals("gbt", JourneyChurn.choose(Map.of("logit", logit, "gbt", betterGbt)));
  }

  @Test
  void aTieOrNoCalibrationRowsKeepsTheLogit() {
    Calibrator none = new Calibrator.None();
    var a = choice(none, Map.of("none", 0.4));
    assertEquals("logit", JourneyChurn.choose(Map.of("logit", a, "gbt", a)));
    var empty = choice(none, Map.of("none", Double.NaN));
    assertEquals("logit", JourneyChurn.choose(Map.of("logit", empty, "gbt", empty)));
  }
}
