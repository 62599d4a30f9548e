package io.cx.jobs.churn;

import static org.apache.spark.sql.functions.col;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Touchpoint;
import io.cx.common.spark.Partitions;
import io.cx.common.spark.Steps;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.churn.calibration.CalibratorSelection;
import io.cx.jobs.churn.evaluation.CrossValidation;
import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.evaluation.ProbabilityEvaluation;
import io.cx.jobs.churn.features.FeatureGroup;
import io.cx.jobs.churn.features.FeaturePlan;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.importance.ChurnImportanceRows;
import io.cx.jobs.churn.importance.DriverEstimate;
import io.cx.jobs.churn.importance.ShapGbtImportance;
import io.cx.jobs.churn.logit.LogitImportance;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.model.GbtModel;
import io.cx.jobs.churn.model.LogitModel;
import io.cx.jobs.churn.model.ModelTraining;
import io.cx.jobs.churn.model.Readiness;
import io.cx.jobs.churn.model.Splits;
import io.cx.jobs.churn.model.TrainedModels;
import io.cx.jobs.churn.whatif.OutcomeModels;
import io.cx.jobs.churn.whatif.WhatIf;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * The churn modelling of one journey, top to bottom: labelled rows and their split, the readiness
 * check, both models trained and calibrated, their metrics (and cross-validation when asked), the
 * choice of the scoring model by test log loss, driver importance by both methods, the scores of
 * the population and the what-if scenarios. A function of DataFrames: the fitted models come back
 * in {@link Output#fit}, for the job to save.
 */
final class JourneyChurn {
  private final ChurnInputs inputs;
  private final JourneyMap journey;
  private final ChurnOptions o;
  private final CrosshairRule crosshair;
  private final String runId;
  private final LocalDate date;
  private final List<Dataset<Row>> cached;

  /**
   * @param cached where the frames the run caches are listed, for the caller to unpersist once the
   *     lazy scores are written
   */
  JourneyChurn(
      ChurnInputs inputs,
      JourneyMap journey,
      ChurnOptions o,
      CrosshairRule crosshair,
      String runId,
      LocalDate runDate,
      List<Dataset<Row>> cached) {
    this.inputs = inputs;
    this.journey = journey;
    this.o = o;
    this.crosshair = crosshair;
    this.runId = runId;
    this.date = runDate;
    this.cached = cached;
  }

  /**
   * What the journey's run produced; with no model, only the note and the driver row saying why.
   *
   * @param metrics model_metrics rows
   * @param curves model_curves rows
   * @param drivers driver_importance rows
   * @param impact driver_impact rows
   * @param scores churn_scores rows (lazy, over cached frames), or null without a model
   * @param note the sentence for the run's message
   * @param fit the fitted models and what explains them, or null without a model
   */
  record Output(
      List<Row> metrics,
      List<Row> curves,
      List<Row> drivers,
      List<Row> impact,
      Dataset<Row> scores,
      String note,
      JourneyModels fit) {}

  Output run() {
    FeaturePlan plan = FeaturePlan.of(journey);
    Dataset<Row> labelled = inputs.labelled(journey, plan);
    Steps steps = Steps.of(labelled.sparkSession(), ChurnJob.NAME + " " + journey.id());
    steps.start("split labelled responses");
    Dataset<Row> assigned = Splits.assign(labelled, o, journey.churn().horizonDays());
    Map<String, long[]> parts = Readiness.counts(assigned);
    long churners = parts.values().stream().mapToLong(c -> c[1]).sum();
    long responses = parts.values().stream().mapToLong(c -> c[0] + c[1]).sum();
    Readiness.Problem problem = Readiness.problem(churners, responses, o.minChurners(), parts);
    if (problem != null) {
      return new Output(
          List.of(),
          List.of(),
          List.of(ChurnImportanceRows.notEstimated(journey.id(), responses, problem, runId, date)),
          List.of(),
          null,
          journey.id() + ": no churn model: " + problem.message() + ".",
          null);
    }
    // MLlib runs a task per partition and per iteration, and AQE cannot size its input: the
    // frames it trains and scores on get partitions for their size, not the shuffle default.
    int partitions = Partitions.forRows(assigned.sparkSession(), responses);
    Dataset<Row> frame = keep(stable(assigned, partitions));
    ModelTraining.Result trained = ModelTraining.train(frame, plan, o, steps);
    keep(trained.fitVectors());
    TrainedModels models = trained.models();

    steps.start("evaluate");
    Map<String, String> splits = new LinkedHashMap<>();
    splits.put(Splits.FIT, ModelMetrics.TRAIN);
    splits.put(Splits.TEST, ModelMetrics.TEST);
    Map<String, Map<String, ProbabilityEvaluation>> evals =
        ModelMetrics.evaluate(frame, models, splits);
    List<ModelMetrics.MetricValue> metrics = new ArrayList<>();
    evals.forEach(
        (model, bySplit) ->
            bySplit.forEach((split, e) -> metrics.addAll(ModelMetrics.values(model, split, e))));
    if (o.cvFolds() > 0) {
      metrics.addAll(CrossValidation.run(frame, plan, o, steps));
    }
    String chosen = choose(models.calibration());

    steps.start("driver importance");
    List<Row> drivers = new ArrayList<>();
    List<FeatureGroup> groups = models.vectorizer().groups();
    drivers.addAll(
        ChurnImportanceRows.of(
            journey.id(),
            ChurnImportanceRows.LOGIT,
            Cols.ALL,
            LogitImportance.of(
                models.logitFit(),
                groups,
                performance(models.vectorizer()),
                o.replicates(),
                o.seed()),
            crosshair,
            runId,
            date));
    steps.start("shap_gbt importance, cross-fitted with a noise feature");
    ShapGbtImportance.Result shap =
        ShapGbtImportance.of(trained.fitVectors(), models.vectorizer().featureNames(), groups, o);
    shap.bySegment()
        .forEach(
            (segment, est) ->
                drivers.addAll(
                    ChurnImportanceRows.of(
                        journey.id(),
                        ChurnImportanceRows.SHAP_GBT,
                        segment,
                        est,
                        crosshair,
                        runId,
                        date)));
    Map<String, double[]> allGroups = new LinkedHashMap<>();
    allGroups.put(
        ChurnImportanceRows.LOGIT,
        LogitImportance.importances(
            models.logitFit().beta(), models.logitFit().covariance(), groups));
    allGroups.put(ChurnImportanceRows.SHAP_GBT, shap.meanAbs());

    steps.start("score customers");
    Dataset<Row> population = keep(stable(inputs.population(journey, plan), partitions));
    ChurnPredictor predictor = models.predictor(chosen);
    Dataset<Row> scores =
        ChurnScoreRows.of(population, predictor, o.topReasons(), journey.id(), date);

    steps.start("what-if scenarios");
    OutcomeModels outcomes =
        OutcomeModels.fit(
            inputs.features(journey, plan),
            touchpointColumns(),
            outcomeColumns(),
            o.replicates(),
            o.seed());
    List<Row> impact = WhatIf.of(population, predictor, outcomes, journey, o, date);

    steps.close();
    ProbabilityEvaluation test = evals.get(chosen).get(ModelMetrics.TEST);
    String note =
        String.format(
            Locale.ROOT,
            "%s: %s scores the customers (chosen on the calibration customers' held-out log loss,"
                + " %.4f against %.4f; test AUC %.3f, log loss %.4f, ECE %.4f, calibration %s;"
                + " %s test AUC %.3f); %d observed responses, %d churners; driver_impact holds"
                + " model-implied associations (correlational models' predictions), not causal"
                + " effects.",
            journey.id(),
            chosen,
            models.calibration().get(chosen).selectedHeldOutLogLoss(),
            models.calibration().get(other(chosen)).selectedHeldOutLogLoss(),
            test.metrics().auc(),
            test.metrics().logLoss(),
            test.reliability().ece(),
            models.calibration().get(chosen).calibrator().method(),
            other(chosen),
            evals.get(other(chosen)).get(ModelMetrics.TEST).metrics().auc(),
            responses,
            churners);
    if (shap.problem() != null) {
      note += " No shap_gbt importance: " + shap.problem() + ".";
    }
    JourneyModels fit =
        new JourneyModels(journey.id(), chosen, parts, models, evals, metrics, allGroups);
    return new Output(
        metricRows(metrics, date),
        ModelCurveRows.of(journey.id(), evals, date),
        drivers,
        impact,
        scores,
        note,
        fit);
  }

  private Dataset<Row> keep(Dataset<Row> df) {
    Dataset<Row> p = df.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(p);
    return p;
  }

  /** Hash-partitioned by response id and sorted in each partition: the same rows, same order. */
  private static Dataset<Row> stable(Dataset<Row> df, int partitions) {
    return df.repartition(partitions, col(Cols.RESPONSE_ID)).sortWithinPartitions(Cols.RESPONSE_ID);
  }

  /**
   * The model that scores the customers: the one whose calibrated probabilities have the lower
   * cross-fitted log loss on the calibration customers (the logit on a tie, or when there are no
   * calibration rows). Never the test split: the test metrics it reports would be chosen on, and so
   * optimistic.
   */
  static String choose(Map<String, CalibratorSelection.Choice> calibration) {
    double logit = calibration.get(LogitModel.NAME).selectedHeldOutLogLoss();
    double gbt = calibration.get(GbtModel.NAME).selectedHeldOutLogLoss();
    return gbt < logit ? GbtModel.NAME : LogitModel.NAME;
  }

  private static String other(String model) {
    return model.equals(LogitModel.NAME) ? GbtModel.NAME : LogitModel.NAME;
  }

  /** Per group, the mean score of a touchpoint or outcome over the fit rows; else NaN. */
  private static double[] performance(Vectorizer v) {
    List<FeatureGroup> groups = v.groups();
    double[] means = v.means();
    double[] out = new double[groups.size()];
    for (int g = 0; g < out.length; g++) {
      out[g] = DriverEstimate.scored(groups.get(g)) ? means[g] : Double.NaN;
    }
    return out;
  }

  private List<String> touchpointColumns() {
    return journey.touchpoints().stream()
        .map(Touchpoint::id)
        .map(FeatureColumns::touchpoint)
        .toList();
  }

  private Map<String, String> outcomeColumns() {
    Map<String, String> out = new LinkedHashMap<>();
    if (journey.outcomes().satisfaction() != null) {
      out.put(WhatIf.SATISFACTION, FeatureColumns.SATISFACTION);
    }
    if (journey.outcomes().recommend() != null) {
      out.put(WhatIf.RECOMMEND, FeatureColumns.RECOMMEND);
    }
    if (journey.outcomes().effort() != null) {
      out.put(WhatIf.EFFORT, FeatureColumns.EFFORT);
    }
    return out;
  }

  private List<Row> metricRows(List<ModelMetrics.MetricValue> metrics, LocalDate date) {
    List<Row> out = new ArrayList<>();
    java.sql.Date d = java.sql.Date.valueOf(date);
    for (ModelMetrics.MetricValue m : metrics) {
      out.add(
          RowFactory.create(
              journey.id(),
              m.model(),
              ChurnImportanceRows.TARGET,
              m.split(),
              m.metric(),
              Double.isNaN(m.value()) ? null : m.value(),
              m.n(),
              d));
    }
    return out;
  }
}
