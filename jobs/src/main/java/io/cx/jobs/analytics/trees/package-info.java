/**
 * Gradient-boosted trees fitted in memory, in one JVM, by histogram Newton boosting: {@link
 * io.cx.jobs.analytics.trees.GradientBoostedTrees} (parameters and the fit), {@link
 * io.cx.jobs.analytics.trees.TrainingSet} (the rows, column by column), {@link
 * io.cx.jobs.analytics.trees.Loss} (squared error, logistic). The result is a {@link
 * io.cx.jobs.analytics.shap.TreeEnsemble}, what scoring and TreeSHAP use, so a fit needs neither
 * MLlib nor Spark jobs when the training set fits in the driver's memory.
 */
package io.cx.jobs.analytics.trees;
