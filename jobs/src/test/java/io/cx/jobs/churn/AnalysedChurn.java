package io.cx.jobs.churn;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.churn.model.ChurnPredictor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * One in-memory {@link ChurnAnalysis} of the simulated data with a planted churn model ({@link
 * SimulatedChurn}: 2000 customers, seed 11) and small models: built once per JVM, on first use, and
 * shared by every test that only reads what the analysis produced. Its frames are collected (and
 * the analysis' cache released) at once.
 */
final class AnalysedChurn {
  static final String RUN_ID = "in-memory-run";

  private static AnalysedChurn shared;

  final SimulatedChurn data;
  final JobConfig config;
  final JourneyModels fit;
  final List<String> notes;

  /** model_metrics rows, by model, split and metric. */
  final List<Row> metrics;

  /** churn_scores rows, by customer. */
  final List<Row> scores;

  /** driver_importance rows, by method, segment and driver. */
  final List<Row> drivers;

  /** driver_impact rows. */
  final List<Row> impact;

  /** The shared analysis, run on first use. */
  static synchronized AnalysedChurn get() {
    if (shared == null) {
      shared = new AnalysedChurn();
    }
    return shared;
  }

  private AnalysedChurn() {
    config = loadConfig();
    data = new SimulatedChurn(2000, -1.6, 11);
    try (ChurnAnalysis.Result r =
        ChurnAnalysis.run(
            data.featureFrame(),
            data.labelFrame(),
            config.journeys(),
            config.churn(),
            CrosshairRule.MEANS,
            RUN_ID,
            SimulatedChurn.RUN)) {
      metrics = ChurnJobTest.sorted(r.metrics(), Cols.MODEL, Cols.SPLIT, Cols.METRIC);
      scores = ChurnJobTest.sorted(r.scores(), Cols.CUSTOMER_ID);
      drivers = ChurnJobTest.sorted(r.importance(), Cols.METHOD, Cols.SEGMENT, Cols.DRIVER);
      impact = r.impact().collectAsList();
      fit = r.models().get(0);
      notes = r.notes();
    }
  }

  /** The config of {@link ChurnJobTest#SMALL_MODELS}, loaded from a workspace then removed. */
  private static JobConfig loadConfig() {
    try {
      Path dir = Files.createTempDirectory("cx-churn-analysis");
      try {
        return ChurnJobTest.workspace(dir, ChurnJobTest.SMALL_MODELS).load();
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model_metrics value. */
  double metric(String model, String split, String metric) {
    return metrics.stream()
        .filter(r -> r.getAs(Cols.MODEL).equals(model))
        .filter(r -> r.getAs(Cols.SPLIT).equals(split))
        .filter(r -> r.getAs(Cols.METRIC).equals(metric))
        .mapToDouble(r -> r.<Double>getAs(Cols.VALUE))
        .findFirst()
        .orElseThrow();
  }

  /** The model that scored the customers. */
  String chosen() {
    return scores.get(0).getAs(Cols.MODEL);
  }

  /** The calibrated predictor of the chosen model. */
  ChurnPredictor predictor() {
    return fit.models().predictor(chosen());
  }
}
