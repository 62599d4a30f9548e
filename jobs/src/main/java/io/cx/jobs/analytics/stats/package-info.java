/**
 * The statistics of the driver analysis, pure Java: one distributed pass fills {@link
 * io.cx.jobs.analytics.stats.PairwiseMoments} (with {@link
 * io.cx.jobs.analytics.stats.BootstrapMoments} for Poisson-bootstrap replicates), the driver
 * program finishes with a correlation matrix ({@link io.cx.jobs.analytics.stats.PsdRepair} when it
 * is not PSD), its R² decompositions ({@link io.cx.jobs.analytics.stats.Lmg}, {@link
 * io.cx.jobs.analytics.stats.RelativeWeights}), directions, percentile intervals, Kano classes
 * ({@link io.cx.jobs.analytics.stats.PenaltyReward}) and IPA quadrants.
 */
package io.cx.jobs.analytics.stats;
