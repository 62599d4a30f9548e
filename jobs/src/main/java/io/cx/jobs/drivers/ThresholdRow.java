package io.cx.jobs.drivers;

import io.cx.common.contract.Cols;
import io.cx.common.contract.Schemas;
import io.cx.jobs.drivers.thresholds.PairOutcome;
import io.cx.jobs.drivers.thresholds.StepVsTrend;
import io.cx.jobs.drivers.thresholds.ThresholdResult;
import io.cx.jobs.drivers.thresholds.TippingPoints;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;

/**
 * One metric_thresholds row from a pair's search and its verdict after correction ({@link
 * ThresholdSearch}), in the column order of {@code Schemas.METRIC_THRESHOLDS}.
 */
final class ThresholdRow {
  static final String NO_TIPPING_POINT = "no_tipping_point";
  static final String NOT_SIGNIFICANT = "not_significant";

  private ThresholdRow() {}

  static Row of(
      String journey,
      JourneyLayout.StagePair pair,
      PairOutcome outcome,
      TippingPoints.Verdict verdict,
      long available,
      double alpha,
      String runId,
      LocalDate runDate) {
    Map<String, Object> v = new HashMap<>();
    v.put(Cols.JOURNEY, journey);
    v.put(Cols.STAGE, pair.stage());
    v.put(Cols.METRIC, pair.metric());
    v.put(Cols.TOUCHPOINT, pair.touchpoint());
    v.put(Cols.N, outcome.n());
    v.put(Cols.N_AVAILABLE, available);
    v.put(Cols.SHAPE, verdict.shape());
    v.put(Cols.RUN_ID, runId);
    v.put(Cols.RUN_DATE, Date.valueOf(runDate));
    if (outcome.split() instanceof ThresholdResult.Found f) {
      v.put(Cols.P_VALUE, f.pValue());
      v.put(Cols.T_STATISTIC, f.tStatistic());
      v.put(Cols.P_STEP, outcome.step().pValue());
      v.put(Cols.Q_VALUE, verdict.qValue());
      v.put(Cols.Q_STEP, verdict.qStep());
      if (verdict.tippingPoint()) {
        v.put(Cols.THRESHOLD, f.threshold());
        v.put(Cols.SCORE_BELOW, f.scoreBelow());
        v.put(Cols.SCORE_ABOVE, f.scoreAbove());
        v.put(Cols.N_BELOW, (long) f.nBelow());
        v.put(Cols.N_ABOVE, (long) f.nAbove());
        if (outcome.interval() != null && !Double.isNaN(outcome.interval().low())) {
          v.put(Cols.THRESHOLD_LO, outcome.interval().low());
          v.put(Cols.THRESHOLD_HI, outcome.interval().high());
        }
        v.put(Cols.STATUS, ThresholdSearch.FOUND);
        v.put(Cols.NOTE, intervalNote(outcome));
      } else {
        boolean linear = TippingPoints.LINEAR.equals(verdict.shape());
        v.put(Cols.STATUS, linear ? NO_TIPPING_POINT : NOT_SIGNIFICANT);
        v.put(Cols.NOTE, note(pair, f, outcome.step(), verdict, linear, alpha));
      }
    } else {
      ThresholdResult.None none = (ThresholdResult.None) outcome.split();
      v.put(
          Cols.STATUS,
          none.reason() == ThresholdResult.Reason.CONSTANT_X
              ? "constant_metric"
              : none.reason().name().toLowerCase(Locale.ROOT));
      v.put(Cols.NOTE, none.detail());
    }
    StructField[] fields = Schemas.METRIC_THRESHOLDS.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = v.get(fields[i].name());
    }
    return RowFactory.create(values);
  }

  /** Why a found threshold has no interval, if it has none. */
  private static String intervalNote(PairOutcome outcome) {
    if (outcome.interval() == null || !Double.isNaN(outcome.interval().low())) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "no threshold interval: %d of %d bootstrap replicates had no drop at any candidate",
        outcome.interval().dropped(),
        outcome.interval().dropped() + outcome.interval().used());
  }

  private static String note(
      JourneyLayout.StagePair pair,
      ThresholdResult.Found f,
      StepVsTrend.Result step,
      TippingPoints.Verdict verdict,
      boolean linear,
      double alpha) {
    String split =
        String.format(
            Locale.ROOT,
            "best split at %s <= %.6g: mean %s score %.4f below, %.4f above (%d / %d responses)",
            pair.metric(),
            f.threshold(),
            pair.touchpoint(),
            f.scoreBelow(),
            f.scoreAbove(),
            f.nBelow(),
            f.nAbove());
    if (linear) {
      return String.format(
          Locale.ROOT,
          "the score falls with the metric (q = %.4g) but one step does not fit better than a"
              + " smooth trend (p_step = %.4f, q_step = %.4g above drivers.threshold_alpha ="
              + " %.4g); %s",
          verdict.qValue(),
          step.pValue(),
          verdict.qStep(),
          alpha,
          split);
    }
    return String.format(
        Locale.ROOT,
        "%s; p = %.4f, q = %.4g above drivers.threshold_alpha = %.4g",
        split,
        f.pValue(),
        verdict.qValue(),
        alpha);
  }
}
