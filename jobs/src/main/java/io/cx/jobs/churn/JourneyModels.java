package io.cx.jobs.churn;

import io.cx.jobs.churn.evaluation.ModelMetrics;
import io.cx.jobs.churn.evaluation.ProbabilityEvaluation;
import io.cx.jobs.churn.model.TrainedModels;
import java.util.List;
import java.util.Map;

/**
 * What one journey's churn analysis fitted, as the job saves it ({@link ModelStore}, {@link
 * ModelSidecar}): the models and everything that explains the choice between them.
 *
 * @param journey journey id
 * @param chosen the model that scored customers
 * @param parts rows per part and class
 * @param models the trained models
 * @param evaluations per model, per split, the evaluation
 * @param metrics every model_metrics value
 * @param importance per method, the importance of every driver group, controls included
 */
public record JourneyModels(
    String journey,
    String chosen,
    Map<String, long[]> parts,
    TrainedModels models,
    Map<String, Map<String, ProbabilityEvaluation>> evaluations,
    List<ModelMetrics.MetricValue> metrics,
    Map<String, double[]> importance) {}
