package io.cx.jobs.drivers;

import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.analytics.stats.KanoClass;
import java.io.Serializable;

/**
 * What the driver pass knows of one driver in one segment and target, whatever the method: the
 * facts the shap_gbt rows borrow from the pass.
 *
 * @param driver touchpoint or metric id
 * @param kind {@link ImportanceRow#TOUCHPOINT} or {@link ImportanceRow#METRIC}
 * @param nDriver responses with both the driver and the target
 * @param performance weighted mean score (touchpoints); NaN for metrics
 * @param kano Kano result (touchpoints whose class could be estimated; {@link
 *     KanoClass#INSUFFICIENT} when a box had too few answers), or null
 * @param correlationSign sign of the driver's pairwise correlation with the target: +1, -1, or null
 *     when it is undefined
 */
record DriverFacts(
    String driver,
    String kind,
    long nDriver,
    double performance,
    KanoClass kano,
    Integer correlationSign)
    implements Serializable {}
