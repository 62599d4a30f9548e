package io.cx.jobs.drivers;

import io.cx.jobs.analytics.ImportanceRow;
import java.io.Serializable;
import java.util.List;

/**
 * The linear driver methods' result for one journey, segment (or ALL) and target: the
 * driver_importance rows of lmg and relative_weight (or the one row saying why nothing was
 * estimated), and the per-driver facts the shap_gbt rows take from the same pass.
 *
 * @param journey journey id
 * @param segment segment, or ALL
 * @param target the target
 * @param n responses with the target
 * @param estimated whether the segment's drivers were estimated
 * @param rows driver_importance rows of the linear methods
 * @param facts one per touchpoint and metric, in journey order
 */
record SegmentEstimate(
    String journey,
    String segment,
    Target target,
    long n,
    boolean estimated,
    List<ImportanceRow> rows,
    List<DriverFacts> facts)
    implements Serializable {
  SegmentEstimate {
    rows = List.copyOf(rows);
    facts = List.copyOf(facts);
  }
}
