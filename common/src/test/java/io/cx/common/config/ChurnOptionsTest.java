package io.cx.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.journey.JourneyMapRulesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The churn section: defaults, and one test per rule asserting key and message. */
class ChurnOptionsTest {
  @TempDir Path dir;

  Path config(String churn) throws IOException {
    Path journey = Files.writeString(dir.resolve("shop.yaml"), JourneyMapRulesTest.VALID);
    return Files.writeString(
        dir.resolve("cx.yaml"),
        "journeys: ["
            + journey
            + "]\ninputs:\n  surveys: {path: s.csv}\n  events: {path: e.csv}\n"
            + churn);
  }

  void assertProblem(String churn, String key, String message) throws IOException {
    Path f = config(churn);
    BadConfigException e =
        assertThrows(BadConfigException.class, () -> JobConfigLoader.load(f, List.of(), Map.of()));
    assertTrue(
        e.problems().contains(new ConfigProblem(f.toString(), key, message)),
        "expected " + key + ": " + message + " in " + e.problems());
  }

  @Test
  void defaults() throws IOException {
    ChurnOptions c = JobConfigLoader.load(config(""), List.of(), Map.of()).churn();
    assertEquals(50, c.minChurners());
    assertEquals("hash", c.split());
    assertEquals(0.25, c.testShare());
    assertEquals(0.2, c.calibrationShare());
    assertEquals("auto", c.calibration());
    assertEquals(0, c.cvFolds());
    assertEquals(3, c.topReasons());
    assertEquals(200, c.replicates());
    assertEquals(new ChurnOptions.Logit(0.01, 100), c.logit());
    assertEquals(new ChurnOptions.Gbt(100, 4, 0.1, 0.8, 20, 32), c.gbt());
    assertEquals(
        List.of(new ChurnOptions.Scenario("plus_10pct_top2box", 0.1, "top2box")), c.scenarios());
  }

  @Test
  void scenariosAndModelSettingsAreRead() throws IOException {
    ChurnOptions c =
        JobConfigLoader.load(
                config(
                    "churn:\n  scenarios: [{name: fix_half, share: 0.5, to: top_box}]\n"
                        + "  gbt: {trees: 7}\n  cv_folds: 5\n"),
                List.of("churn.logit.reg_param=0.5"),
                Map.of())
            .churn();
    assertEquals(List.of(new ChurnOptions.Scenario("fix_half", 0.5, "top_box")), c.scenarios());
    assertEquals(7, c.gbt().trees());
    assertEquals(0.5, c.logit().regParam());
    assertEquals(5, c.cvFolds());
  }

  @Test
  void everyRuleNamesItsKeyAndTheFix() throws IOException {
    assertProblem(
        "churn: {calibration: sigmoid}\n",
        "churn.calibration",
        "'sigmoid' is not a calibration; use auto, none, platt or isotonic");
    assertProblem(
        "churn: {cv_folds: 1}\n",
        "churn.cv_folds",
        "must be 0 (no cross-validation) or a number of folds from 2 to 20, e.g. 5");
    assertProblem(
        "churn: {calibration_share: 1}\n",
        "churn.calibration_share",
        "must be a share between 0 and 1 of the training customers, e.g. 0.2");
    assertProblem(
        "churn: {top_reasons: 0}\n",
        "churn.top_reasons",
        "must be between 1 and 20 reasons per customer, e.g. 3");
    assertProblem(
        "churn: {replicates: 5}\n", "churn.replicates", "must be between 20 and 10000, e.g. 200");
    assertProblem(
        "churn: {gbt: {max_depth: 0}}\n", "churn.gbt.max_depth", "must be between 1 and 10");
    assertProblem(
        "churn: {logit: {reg_param: -1}}\n",
        "churn.logit.reg_param",
        "must be 0 or more, e.g. 0.01");
    assertProblem(
        "churn: {scenarios: [{name: a, share: 0}]}\n",
        "churn.scenarios[0].share",
        "must be the share of a touchpoint's answers that move, in (0, 1], e.g. 0.1");
    assertProblem(
        "churn: {scenarios: [{name: a, share: 0.1}, {name: a, share: 0.2}]}\n",
        "churn.scenarios[1].name",
        "scenario 'a' is listed twice; give each its own name");
    assertProblem(
        "churn: {scenarios: [{name: a, share: 0.1, to: best}]}\n",
        "churn.scenarios[0].to",
        "'best' is not a target; use top2box or top_box");
    assertProblem(
        "churn: {scenarios: []}\n",
        "churn.scenarios",
        "must list at least one scenario, e.g. [{name: plus_10pct_top2box, share: 0.1}]");
    assertProblem(
        "churn: {gbt: {tress: 5}}\n",
        "churn.gbt.tress",
        "unknown key; did you mean 'trees'? Known keys here: trees, max_depth, step_size, subsample, min_instances_per_node, max_bins.");
  }
}
