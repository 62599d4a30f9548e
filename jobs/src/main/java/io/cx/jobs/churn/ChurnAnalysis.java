package io.cx.jobs.churn;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Schemas;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.importance.ShapGbtImportance;
import io.cx.jobs.churn.logit.LogitImportance;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Readiness;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.churn.whatif.WhatIf;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The churn job's transform, a function of DataFrames: from the run date's journey_features and
 * churn_labels rows to the model_metrics, model_curves, driver_importance (target churn),
 * driver_impact and churn_scores rows, and the fitted models. For each journey with a churn rule,
 * in the journey maps' order ({@link JourneyChurn}):
 *
 * <ol>
 *   <li>the labelled responses, split into fit, calibration and test parts by customer ({@link
 *       Splits}), and whether they can support a model at all ({@link Readiness});
 *   <li>a class-weighted, L2-penalised logistic regression and gradient-boosted trees, each
 *       calibrated on rows it did not see ({@link ModelTraining});
 *   <li>their metrics and curves per split, and cross-validation when asked ({@link ModelMetrics});
 *   <li>the scoring model: the one of lower test log loss;
 *   <li>driver importance by both methods ({@link LogitImportance}; {@link ShapGbtImportance}, from
 *       held-out rows against a pure-noise feature);
 *   <li>the scores and top reasons of the population ({@link ChurnScoreRows}) and the what-if
 *       scenarios ({@link WhatIf}).
 * </ol>
 *
 * A journey with too few churners or one class only gets no model: a driver_importance row with
 * method {@code none} and a note say why. Nothing is read or written here: the job reads the
 * tables, writes the result and saves the models of {@link Result#models}.
 */
public final class ChurnAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(ChurnAnalysis.class);

  private ChurnAnalysis() {}

  /**
   * What the transform produced. The frames are lazy and rest on frames the analysis cached: {@link
   * #close} unpersists those once the frames are written or collected.
   *
   * @param metrics model_metrics rows ({@code Schemas.MODEL_METRICS})
   * @param curves model_curves rows ({@code Schemas.MODEL_CURVES})
   * @param importance driver_importance rows of target churn ({@code Schemas.DRIVER_IMPORTANCE})
   * @param impact driver_impact rows ({@code Schemas.DRIVER_IMPACT})
   * @param scores churn_scores rows ({@code Schemas.CHURN_SCORES})
   * @param models per journey with a model, what was fitted, for the job to save
   * @param notes one sentence per journey for the job's note: what was modelled, or why not
   * @param cached the frames the analysis cached, unpersisted by {@link #close}
   */
  public record Result(
      Dataset<Row> metrics,
      Dataset<Row> curves,
      Dataset<Row> importance,
      Dataset<Row> impact,
      Dataset<Row> scores,
      List<JourneyModels> models,
      List<String> notes,
      List<Dataset<Row>> cached)
      implements AutoCloseable {

    /** Unpersists the cached frames; the result's frames are then recomputed if used again. */
    @Override
    public void close() {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * @param features journey_features rows of the run date
   * @param labels churn_labels rows of the run date
   * @param journeys the journey maps; those without a churn rule get no model
   * @param options the churn section of the config
   * @param crosshair where the IPA quadrants of the touchpoints split (the drivers section's
   *     crosshair, so that every row of driver_importance follows one rule)
   * @param runId the run's id, for driver_importance.run_id
   * @param runDate the run date, for the rows' run_date
   */
  public static Result run(
      Dataset<Row> features,
      Dataset<Row> labels,
      List<JourneyMap> journeys,
      ChurnOptions options,
      CrosshairRule crosshair,
      String runId,
      LocalDate runDate) {
    SparkSession spark = features.sparkSession();
    ChurnInputs inputs = new ChurnInputs(features, labels);
    List<Dataset<Row>> cached = new ArrayList<>();
    List<Row> metrics = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    List<Row> drivers = new ArrayList<>();
    List<Row> impact = new ArrayList<>();
    List<JourneyModels> models = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Dataset<Row> scores = spark.createDataFrame(List.of(), Schemas.CHURN_SCORES);
    try {
      for (JourneyMap journey : journeys) {
        if (journey.churn() == null) {
          notes.add(journey.id() + ": no churn rule in the journey map, no churn model.");
          continue;
        }
        JourneyChurn.Output out =
            new JourneyChurn(inputs, journey, options, crosshair, runId, runDate, cached).run();
        notes.add(out.note());
        LOG.info("{}", out.note());
        metrics.addAll(out.metrics());
        curves.addAll(out.curves());
        drivers.addAll(out.drivers());
        impact.addAll(out.impact());
        if (out.scores() != null) {
          scores = scores.unionByName(out.scores());
        }
        if (out.fit() != null) {
          models.add(out.fit());
        }
      }
    } catch (RuntimeException e) {
      cached.forEach(Dataset::unpersist);
      throw e;
    }
    return new Result(
        spark.createDataFrame(metrics, Schemas.MODEL_METRICS),
        spark.createDataFrame(curves, Schemas.MODEL_CURVES),
        spark.createDataFrame(drivers, Schemas.DRIVER_IMPORTANCE),
        spark.createDataFrame(impact, Schemas.DRIVER_IMPACT),
        scores,
        List.copyOf(models),
        List.copyOf(notes),
        cached);
  }
}
