package io.cx.jobs.churn.whatif;

import io.cx.common.config.ChurnOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.Question;
import io.cx.common.journey.Touchpoint;
import io.cx.jobs.churn.features.Vectorizer;
import io.cx.jobs.churn.model.ChurnPredictor;
import io.cx.jobs.churn.spark.PartitionFold;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * driver_impact: what each touchpoint's improvement is worth. For every scenario and touchpoint, a
 * share of its answers in the scoring population, lowest first ({@link Movement}), move up to the
 * scenario's target (the top-2 box's lowest point, or the top). For each moved answer:
 *
 * <ul>
 *   <li>satisfaction, recommend and effort move by their {@link OutcomeModels} slope times the
 *       score's change (clamped to their scales); NPS by the promoter minus detractor slopes;
 *   <li>the churn model scores the row again with the new touchpoint score and the new outcomes (so
 *       an improvement reaches churn both directly and through satisfaction and NPS, as it does in
 *       the data the model learnt from).
 * </ul>
 *
 * Rows, per segment (ALL, and each segment with at least min_n_segment customers): target {@code
 * satisfaction} (mean 0..1), {@code recommend} (NPS, -100..100) and {@code churn} (mean churn
 * probability), each with baseline, predicted and delta; the churn row also carries
 * revenue_at_risk_delta, the change in the sum of probability x annual value (the other rows leave
 * it null so that it is counted once).
 */
public final class WhatIf {
  public static final String SATISFACTION = "satisfaction";
  public static final String RECOMMEND = "recommend";
  static final String CHURN = "churn";

  private static final String BASE = "B";
  private static final String MOVE = "M";
  private static final int B_N = 0;
  private static final int B_P = 1;
  private static final int B_PV = 2;
  private static final int B_SAT = 3;
  private static final int B_NSAT = 4;
  private static final int B_PROM = 5;
  private static final int B_DET = 6;
  private static final int B_NREC = 7;

  private WhatIf() {}

  /** The score an answer moves to: the top-2 box's lowest point of its first question, or 1. */
  static double target(JourneyMap journey, String touchpoint, String to) {
    if (to.equals("top_box")) {
      return 1.0;
    }
    Question q = journey.questionsOf(touchpoint).get(0);
    return Math.max(0.0, q.normalise(q.scaleMax() - 1));
  }

  public static List<Row> of(
      Dataset<Row> population,
      ChurnPredictor predictor,
      OutcomeModels outcomes,
      JourneyMap journey,
      ChurnOptions o,
      LocalDate runDate) {
    Vectorizer v = predictor.vectorizer();
    Vectorizer.Bound bound = v.bind(population.schema());
    List<Touchpoint> tps = journey.touchpoints();
    List<ChurnOptions.Scenario> scenarios = o.scenarios();
    int[] tpIdx = new int[tps.size()];
    for (int t = 0; t < tps.size(); t++) {
      tpIdx[t] = v.rawIndex(FeatureColumns.touchpoint(tps.get(t).id()));
    }
    List<TreeMap<Double, Long>> hist = histograms(population, bound, tpIdx);
    Movement[][] moves = new Movement[scenarios.size()][tps.size()];
    for (int t = 0; t < tps.size(); t++) {
      for (int s = 0; s < scenarios.size(); s++) {
        ChurnOptions.Scenario sc = scenarios.get(s);
        moves[s][t] =
            Movement.of(hist.get(t), target(journey, tps.get(t).id(), sc.to()), sc.share());
      }
    }
    Indices ix =
        new Indices(
            tpIdx,
            v.rawIndex(FeatureColumns.SATISFACTION),
            v.rawIndex(FeatureColumns.RECOMMEND),
            v.rawIndex(FeatureColumns.EFFORT),
            v.rawIndex(Cols.ANNUAL_VALUE));
    TreeMap<String, double[]> sums =
        PartitionFold.fold(
            population,
            it -> pass(it, bound, predictor, outcomes, moves, ix),
            (a, b) -> {
              b.forEach((k, val) -> a.merge(k, val, PartitionFold::addInto));
              return a;
            });
    return rows(sums, journey, tps, scenarios, ix, o.minNSegment(), runDate);
  }

  /** Per touchpoint, its answers per score in the population, in one pass. */
  private static List<TreeMap<Double, Long>> histograms(
      Dataset<Row> population, Vectorizer.Bound bound, int[] tpIdx) {
    return PartitionFold.fold(
        population,
        it -> {
          List<TreeMap<Double, Long>> h = new ArrayList<>();
          for (int t = 0; t < tpIdx.length; t++) {
            h.add(new TreeMap<>());
          }
          while (it.hasNext()) {
            double[] raw = bound.raw(it.next());
            for (int t = 0; t < tpIdx.length; t++) {
              if (!Double.isNaN(raw[tpIdx[t]])) {
                h.get(t).merge(raw[tpIdx[t]], 1L, Long::sum);
              }
            }
          }
          return h;
        },
        (a, b) -> {
          for (int t = 0; t < a.size(); t++) {
            TreeMap<Double, Long> into = a.get(t);
            b.get(t).forEach((score, n) -> into.merge(score, n, Long::sum));
          }
          return a;
        });
  }

  /** Raw input positions the pass reads and changes (-1: absent). */
  record Indices(int[] touchpoints, int satisfaction, int recommend, int effort, int value)
      implements java.io.Serializable {}

  private static TreeMap<String, double[]> pass(
      Iterator<Row> it,
      Vectorizer.Bound bound,
      ChurnPredictor predictor,
      OutcomeModels om,
      Movement[][] moves,
      Indices ix) {
    TreeMap<String, double[]> acc = new TreeMap<>();
    while (it.hasNext()) {
      Row r = it.next();
      double[] raw = bound.raw(r);
      String seg = bound.segment(r);
      String segment = seg == null ? FeatureColumns.UNKNOWN_SEGMENT : seg;
      double p = predictor.probability(raw, seg);
      double value = ix.value() < 0 || Double.isNaN(raw[ix.value()]) ? 0 : raw[ix.value()];
      double sat = ix.satisfaction() < 0 ? Double.NaN : raw[ix.satisfaction()];
      double rec = ix.recommend() < 0 ? Double.NaN : raw[ix.recommend()];
      double[] base = new double[8];
      base[B_N] = 1;
      base[B_P] = p;
      base[B_PV] = p * value;
      if (!Double.isNaN(sat)) {
        base[B_SAT] = sat;
        base[B_NSAT] = 1;
      }
      if (!Double.isNaN(rec)) {
        base[B_PROM] = rec >= 9 ? 1 : 0;
        base[B_DET] = rec <= 6 ? 1 : 0;
        base[B_NREC] = 1;
      }
      boolean own = !segment.equals(Cols.ALL);
      if (own) {
        add(acc, key(BASE, segment), base);
      }
      add(acc, key(BASE, Cols.ALL), base);
      for (int s = 0; s < moves.length; s++) {
        for (int t = 0; t < moves[s].length; t++) {
          Movement m = moves[s][t];
          double w = m.weight(raw[ix.touchpoints()[t]]);
          if (w == 0) {
            continue;
          }
          double d = m.target() - raw[ix.touchpoints()[t]];
          double[] moved = raw.clone();
          moved[ix.touchpoints()[t]] = m.target();
          double dSat = 0;
          if (!Double.isNaN(sat)) {
            moved[ix.satisfaction()] = clamp(sat + om.slope(SATISFACTION, t) * d, 0, 1);
            dSat = moved[ix.satisfaction()] - sat;
          }
          double dNps = 0;
          if (!Double.isNaN(rec)) {
            moved[ix.recommend()] = clamp(rec + om.slope(RECOMMEND, t) * d, 0, 10);
            dNps = (om.slope(OutcomeModels.PROMOTER, t) - om.slope(OutcomeModels.DETRACTOR, t)) * d;
          }
          if (ix.effort() >= 0 && !Double.isNaN(raw[ix.effort()])) {
            moved[ix.effort()] = clamp(raw[ix.effort()] + om.slope("effort", t) * d, 0, 1);
          }
          double dp = predictor.probability(moved, seg) - p;
          double[] delta = {w, w * dp, w * dp * value, w * dSat, w * dNps};
          if (own) {
            add(acc, key(MOVE, segment, s, t), delta);
          }
          add(acc, key(MOVE, Cols.ALL, s, t), delta);
        }
      }
    }
    return acc;
  }

  private static void add(TreeMap<String, double[]> acc, String key, double[] v) {
    acc.merge(key, v.clone(), PartitionFold::addInto);
  }

  private static String key(String kind, String segment, int... more) {
    StringBuilder sb = new StringBuilder(kind).append('\u0000').append(segment);
    for (int m : more) {
      sb.append('\u0000').append(m);
    }
    return sb.toString();
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static List<Row> rows(
      TreeMap<String, double[]> sums,
      JourneyMap journey,
      List<Touchpoint> tps,
      List<ChurnOptions.Scenario> scenarios,
      Indices ix,
      int minN,
      LocalDate runDate) {
    List<String> segments = new ArrayList<>();
    segments.add(Cols.ALL);
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      String[] k = e.getKey().split("\u0000");
      if (k[0].equals(BASE) && !k[1].equals(Cols.ALL) && e.getValue()[B_N] >= minN) {
        segments.add(k[1]);
      }
    }
    Date date = Date.valueOf(runDate);
    List<Row> out = new ArrayList<>();
    for (String segment : segments) {
      double[] b = sums.get(key(BASE, segment));
      if (b == null) {
        continue;
      }
      long n = (long) b[B_N];
      for (int s = 0; s < scenarios.size(); s++) {
        for (int t = 0; t < tps.size(); t++) {
          double[] m = sums.getOrDefault(key(MOVE, segment, s, t), new double[5]);
          String driver = tps.get(t).id();
          String scenario = scenarios.get(s).name();
          if (ix.satisfaction() >= 0 && b[B_NSAT] > 0) {
            double base = b[B_SAT] / b[B_NSAT];
            out.add(
                row(
                    journey,
                    SATISFACTION,
                    segment,
                    driver,
                    scenario,
                    base,
                    m[3] / b[B_NSAT],
                    null,
                    n,
                    m[0],
                    date));
          }
          if (ix.recommend() >= 0 && b[B_NREC] > 0) {
            double base = 100 * (b[B_PROM] - b[B_DET]) / b[B_NREC];
            out.add(
                row(
                    journey,
                    RECOMMEND,
                    segment,
                    driver,
                    scenario,
                    base,
                    100 * m[4] / b[B_NREC],
                    null,
                    n,
                    m[0],
                    date));
          }
          out.add(
              row(
                  journey,
                  CHURN,
                  segment,
                  driver,
                  scenario,
                  b[B_P] / n,
                  m[1] / n,
                  m[2],
                  n,
                  m[0],
                  date));
        }
      }
    }
    return out;
  }

  private static Row row(
      JourneyMap journey,
      String target,
      String segment,
      String driver,
      String scenario,
      double baseline,
      double delta,
      Double revenueDelta,
      long n,
      double moved,
      Date date) {
    return RowFactory.create(
        journey.id(),
        target,
        segment,
        driver,
        scenario,
        baseline,
        baseline + delta,
        delta,
        revenueDelta,
        n,
        moved,
        date);
  }
}
