/**
 * The statistics of the driver analysis, pure Java: one distributed pass fills {@link
 * io.cx.jobs.drivers.stats.PairwiseMoments} (with {@link io.cx.jobs.drivers.stats.BootstrapMoments}
 * for Poisson-bootstrap replicates), the driver program finishes with a correlation matrix ({@link
 * io.cx.jobs.drivers.stats.PsdRepair} when it is not PSD), its R² decompositions ({@link
 * io.cx.jobs.drivers.stats.Lmg}, {@link io.cx.jobs.drivers.stats.RelativeWeights}), directions,
 * percentile intervals, Kano classes ({@link io.cx.jobs.drivers.stats.PenaltyReward}) and IPA
 * quadrants.
 */
package io.cx.jobs.drivers.stats;
