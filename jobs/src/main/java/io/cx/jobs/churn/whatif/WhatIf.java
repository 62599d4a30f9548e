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

/**
 * driver_impact: what each touchpoint's improvement is worth <em>according to the models</em>. The
 * rows are model-implied associations: predictions of correlational models fitted on observational
 * data, not causal effects of an intervention. For every scenario and touchpoint, a share of its
 * answers in the scoring population, lowest first ({@link Movement}), move up to the scenario's
 * target (the top-2 box's lowest point, or the top). For each moved answer:
 *
 * <ul>
 *   <li>satisfaction, recommend and effort move by their {@link OutcomeModels} slope times the
 *       score's change (clamped to their scales); NPS moves with the moved recommend score itself
 *       ({@link #npsContribution}), so the NPS row and the churn row see the same recommend score;
 *   <li>the churn model scores the row again with the new touchpoint score and the new outcomes (so
 *       an improvement reaches churn both directly and through satisfaction and NPS, as it does in
 *       the data the model learnt from).
 * </ul>
 *
 * The same is repeated for each draw of the outcome models' slopes ({@link OutcomeModels#fit}), in
 * the same pass; the draws' 2.5 % and 97.5 % percentiles are delta's interval (the churn model
 * itself is held fixed). Rows, per segment (ALL, and each segment with at least min_n_segment
 * customers): target {@code satisfaction} (mean 0..1), {@code recommend} (NPS, -100..100) and
 * {@code churn} (mean churn probability), each with baseline, predicted and delta, the predicted
 * value and the interval clamped to the target's range ({@link Prediction}); the churn row also
 * carries revenue_at_risk_delta, the change in the sum of probability x annual value (the other
 * rows leave it null so that it is counted once).
 */
public final class WhatIf {
  public static final String SATISFACTION = "satisfaction";
  public static final String RECOMMEND = "recommend";
  static final String CHURN = "churn";
  public static final String EFFORT = "effort";

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
  private static final int M_W = 0;
  private static final int M_P = 1;
  private static final int M_PV = 2;
  private static final int M_SAT = 3;
  private static final int M_NPS = 4;
  private static final int M_DRAWS = 5;

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
    return rows(sums, journey, tps, scenarios, ix, outcomes.draws(), o.minNSegment(), runDate);
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
    int draws = om.draws();
    while (it.hasNext()) {
      Row r = it.next();
      double[] raw = bound.raw(r);
      String seg = bound.segment(r);
      String segment = seg == null ? FeatureColumns.UNKNOWN_SEGMENT : seg;
      double p = probability(predictor, raw, seg);
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
          double[] delta = new double[M_DRAWS + 3 * draws];
          delta[M_W] = w;
          double[] moved = raw.clone();
          moved[ix.touchpoints()[t]] = m.target();
          double[] point = moveOutcomes(raw, moved, om, t, m.target(), ix, -1);
          double dp = probability(predictor, moved, seg) - p;
          delta[M_P] = w * dp;
          delta[M_PV] = w * dp * value;
          delta[M_SAT] = w * point[0];
          delta[M_NPS] = w * point[1];
          for (int j = 0; j < draws; j++) {
            double[] d = moveOutcomes(raw, moved, om, t, m.target(), ix, j);
            delta[M_DRAWS + 3 * j] = w * d[0];
            delta[M_DRAWS + 3 * j + 1] = w * d[1];
            delta[M_DRAWS + 3 * j + 2] = w * (probability(predictor, moved, seg) - p);
          }
          if (own) {
            add(acc, key(MOVE, segment, s, t), delta);
          }
          add(acc, key(MOVE, Cols.ALL, s, t), delta);
        }
      }
    }
    return acc;
  }

  /**
   * Moves the outcomes of {@code moved} (a copy of {@code raw} whose touchpoint t is already at its
   * target) by the slopes (of draw j, or the estimates for j = -1) times the touchpoint's change,
   * clamped to their scales; returns the changes of satisfaction and of the row's NPS contribution.
   */
  private static double[] moveOutcomes(
      double[] raw, double[] moved, OutcomeModels om, int t, double target, Indices ix, int j) {
    double d = target - raw[ix.touchpoints()[t]];
    double[] out = new double[2];
    if (ix.satisfaction() >= 0 && !Double.isNaN(raw[ix.satisfaction()])) {
      double sat = raw[ix.satisfaction()];
      moved[ix.satisfaction()] = clamp(sat + slope(om, SATISFACTION, t, j) * d, 0, 1);
      out[0] = moved[ix.satisfaction()] - sat;
    }
    if (ix.recommend() >= 0 && !Double.isNaN(raw[ix.recommend()])) {
      double rec = raw[ix.recommend()];
      moved[ix.recommend()] = clamp(rec + slope(om, RECOMMEND, t, j) * d, 0, 10);
      out[1] = npsContribution(moved[ix.recommend()]) - npsContribution(rec);
    }
    if (ix.effort() >= 0 && !Double.isNaN(raw[ix.effort()])) {
      moved[ix.effort()] = clamp(raw[ix.effort()] + slope(om, EFFORT, t, j) * d, 0, 1);
    }
    return out;
  }

  private static double slope(OutcomeModels om, String outcome, int t, int j) {
    return j < 0 ? om.slope(outcome, t) : om.slope(outcome, t, j);
  }

  /**
   * A 0..10 recommend score's contribution to NPS (promoter 1, detractor -1, passive 0), read
   * between the scale's points as a randomised rounding to its two neighbours with the score as
   * their mean: 1 at 9 and above, r - 8 between 8 and 9, 0 from 7 to 8, r - 7 between 6 and 7, -1
   * at 6 and below. At the scale's points it is the NPS category, so a moved recommend score and
   * the NPS it implies are one and the same quantity.
   */
  public static double npsContribution(double recommend) {
    return clamp(recommend - 8, 0, 1) - clamp(7 - recommend, 0, 1);
  }

  /** The churn model's probability, clamped to 0..1. */
  private static double probability(ChurnPredictor predictor, double[] raw, String segment) {
    return clamp(predictor.probability(raw, segment), 0, 1);
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
      int draws,
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
    ImpactRow.Factory rows = new ImpactRow.Factory(journey.id(), Date.valueOf(runDate));
    List<Row> out = new ArrayList<>();
    for (String segment : segments) {
      double[] b = sums.get(key(BASE, segment));
      if (b == null) {
        continue;
      }
      long n = (long) b[B_N];
      for (int s = 0; s < scenarios.size(); s++) {
        for (int t = 0; t < tps.size(); t++) {
          double[] m = sums.getOrDefault(key(MOVE, segment, s, t), new double[M_DRAWS + 3 * draws]);
          ImpactRow.Key k =
              new ImpactRow.Key(segment, tps.get(t).id(), scenarios.get(s).name(), n, m[M_W]);
          if (ix.satisfaction() >= 0 && b[B_NSAT] > 0) {
            double scale = 1 / b[B_NSAT];
            Prediction p =
                Prediction.of(b[B_SAT] * scale, m[M_SAT] * scale, drawn(m, 0, draws, scale), 0, 1);
            out.add(rows.row(SATISFACTION, k, p, null));
          }
          if (ix.recommend() >= 0 && b[B_NREC] > 0) {
            double scale = 100 / b[B_NREC];
            Prediction p =
                Prediction.of(
                    (b[B_PROM] - b[B_DET]) * scale,
                    m[M_NPS] * scale,
                    drawn(m, 1, draws, scale),
                    -100,
                    100);
            out.add(rows.row(RECOMMEND, k, p, null));
          }
          double scale = 1.0 / n;
          Prediction p =
              Prediction.of(b[B_P] * scale, m[M_P] * scale, drawn(m, 2, draws, scale), 0, 1);
          out.add(rows.row(CHURN, k, p, m[M_PV]));
        }
      }
    }
    return out;
  }

  /** The deltas of one target (0 satisfaction, 1 NPS, 2 churn) over the draws, times scale. */
  private static double[] drawn(double[] m, int target, int draws, double scale) {
    double[] out = new double[draws];
    for (int j = 0; j < draws; j++) {
      out[j] = m[M_DRAWS + 3 * j + target] * scale;
    }
    return out;
  }
}
