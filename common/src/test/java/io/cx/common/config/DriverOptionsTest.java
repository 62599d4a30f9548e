package io.cx.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The {@code drivers:} section: defaults, overrides, and one test per rule (key and message). */
class DriverOptionsTest {
  @TempDir Path dir;

  private Path config(String drivers) throws IOException {
    Path journey = Files.writeString(dir.resolve("shop.yaml"), JourneyMapRulesTest.VALID);
    return Files.writeString(
        dir.resolve("cx.yaml"),
        "journeys: ["
            + journey
            + "]\n"
            + "inputs:\n"
            + "  surveys: {path: data/s/*.csv}\n"
            + "  events: {path: data/e.json}\n"
            + drivers);
  }

  private void assertProblem(String drivers, String key, String message) throws IOException {
    Path f = config(drivers);
    List<ConfigProblem> all =
        assertThrows(BadConfigException.class, () -> JobConfigLoader.load(f, List.of(), Map.of()))
            .problems();
    assertTrue(
        all.contains(new ConfigProblem(f.toString(), key, message)),
        "expected " + key + ": " + message + " in " + all);
  }

  @Test
  void defaults() throws IOException {
    DriverOptions o = JobConfigLoader.load(config(""), List.of(), Map.of()).drivers();
    assertEquals(100, o.minN());
    assertEquals(50, o.minNSegment());
    assertEquals(200, o.replicates());
    assertEquals(999, o.thresholdPermutations());
    assertEquals(List.of("lmg", "relative_weight", "shap_gbt"), o.methods());
    assertEquals(30, o.minNDriver());
    assertEquals(0.25, o.kanoLowMax());
    assertEquals(0.75, o.kanoHighMin());
    assertEquals(30, o.kanoMinCount());
    assertNull(o.crosshairShare());
    assertNull(o.crosshairPerformance());
    assertEquals(50, o.gbtTrees());
    assertEquals(4, o.gbtDepth());
    assertEquals(0.1, o.gbtStepSize());
    assertEquals(0.8, o.gbtSubsample());
    assertEquals(5, o.gbtMinInstancesPerNode());
    assertEquals(200_000, o.thresholdSample());
    assertEquals(0.05, o.thresholdAlpha());
  }

  @Test
  void keysAndOverrides() throws IOException {
    Path f =
        config(
            "drivers: {methods: [lmg], crosshair_share: 0.2, crosshair_performance: 0.8,"
                + " kano_low_max: 0.2, kano_high_min: 0.9}\n");
    DriverOptions o =
        JobConfigLoader.load(
                f,
                List.of(
                    "drivers.gbt_trees=20",
                    "drivers.min_n_driver=40",
                    "drivers.gbt_step_size=0.05",
                    "drivers.gbt_subsample=1",
                    "drivers.gbt_min_instances_per_node=10",
                    "drivers.kano_min_count=50"),
                Map.of())
            .drivers();
    assertEquals(List.of("lmg"), o.methods());
    assertTrue(o.runs("lmg"));
    assertEquals(0.2, o.crosshairShare());
    assertEquals(0.8, o.crosshairPerformance());
    assertEquals(0.2, o.kanoLowMax());
    assertEquals(0.9, o.kanoHighMin());
    assertEquals(50, o.kanoMinCount());
    assertEquals(20, o.gbtTrees());
    assertEquals(40, o.minNDriver());
    assertEquals(0.05, o.gbtStepSize());
    assertEquals(1.0, o.gbtSubsample());
    assertEquals(10, o.gbtMinInstancesPerNode());
  }

  @Test
  void eachRuleNamesItsKeyAndTheFix() throws IOException {
    assertProblem(
        "drivers: {methods: [lmg, shapley]}\n",
        "drivers.methods",
        "'shapley' is not a method; use lmg, relative_weight or shap_gbt");
    assertProblem(
        "drivers: {methods: []}\n",
        "drivers.methods",
        "must list at least one of lmg, relative_weight, shap_gbt");
    assertProblem(
        "drivers: {min_n_driver: 80}\n",
        "drivers.min_n_driver",
        "must be at least 3 answers and at most min_n_segment (50)");
    assertProblem(
        "drivers: {kano_low_max: 0.8}\n",
        "drivers.kano_low_max",
        "must be below kano_high_min, both on the 0..1 score scale (e.g. 0.25 and 0.75)");
    assertProblem(
        "drivers: {kano_min_count: 0}\n",
        "drivers.kano_min_count",
        "must be at least 1 response per box, e.g. 30");
    assertProblem(
        "drivers: {crosshair_share: 1.5}\n",
        "drivers.crosshair_share",
        "must be a share between 0 and 1, e.g. 0.1; leave it out to split at the mean share");
    assertProblem(
        "drivers: {crosshair_performance: -1}\n",
        "drivers.crosshair_performance",
        "must be a score between 0 and 1, e.g. 0.8; leave it out to split at the mean");
    assertProblem("drivers: {gbt_trees: 0}\n", "drivers.gbt_trees", "must be between 1 and 500");
    assertProblem("drivers: {gbt_depth: 11}\n", "drivers.gbt_depth", "must be between 1 and 10");
    assertProblem(
        "drivers: {gbt_step_size: 0}\n", "drivers.gbt_step_size", "must be in (0, 1], e.g. 0.1");
    assertProblem(
        "drivers: {gbt_step_size: 1.5}\n", "drivers.gbt_step_size", "must be in (0, 1], e.g. 0.1");
    assertProblem(
        "drivers: {gbt_subsample: 0}\n",
        "drivers.gbt_subsample",
        "must be a share in (0, 1], e.g. 0.8");
    assertProblem(
        "drivers: {gbt_subsample: 1.2}\n",
        "drivers.gbt_subsample",
        "must be a share in (0, 1], e.g. 0.8");
    assertProblem(
        "drivers: {gbt_min_instances_per_node: 0}\n",
        "drivers.gbt_min_instances_per_node",
        "must be at least 1 response, e.g. 5");
    assertProblem(
        "drivers: {threshold_sample: 10}\n",
        "drivers.threshold_sample",
        "must be at least 1000 responses per pair");
    assertProblem(
        "drivers: {threshold_alpha: 1}\n",
        "drivers.threshold_alpha",
        "must be a probability between 0 and 1, e.g. 0.05");
    assertProblem(
        "drivers: {replicate: 100}\n",
        "drivers.replicate",
        "unknown key; did you mean 'replicates'? Known keys here: min_n, min_n_segment,"
            + " replicates, seed, threshold_permutations, methods, min_n_driver, kano_low_max,"
            + " kano_high_min, kano_min_count, crosshair_share, crosshair_performance, gbt_trees, gbt_depth,"
            + " gbt_step_size, gbt_subsample, gbt_min_instances_per_node, threshold_sample,"
            + " threshold_alpha, window_days.");
  }
}
