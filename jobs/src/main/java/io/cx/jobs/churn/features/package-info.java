/**
 * The churn models' inputs: {@link io.cx.jobs.churn.features.FeaturePlan} (derived from the journey
 * map, with explicit not-answered indicators), {@link io.cx.jobs.churn.features.Vectorizer} (the
 * plan fitted on the training rows: a journey_features row to a feature vector), {@link
 * io.cx.jobs.churn.features.FeatureGroup} (a driver and the positions of its features) and {@link
 * io.cx.jobs.churn.features.FeatureFrames} (vectors and scores added to rows, partition by
 * partition).
 */
package io.cx.jobs.churn.features;
