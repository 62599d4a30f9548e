package io.cx.jobs.drivers;

import io.cx.common.config.DriverOptions;
import io.cx.common.contract.Cols;
import io.cx.jobs.analytics.ImportanceRow;
import io.cx.jobs.analytics.stats.CrosshairRule;
import io.cx.jobs.analytics.stats.Direction;
import io.cx.jobs.analytics.stats.DriverImportance;
import io.cx.jobs.analytics.stats.KanoClass;
import io.cx.jobs.analytics.stats.KanoRule;
import io.cx.jobs.analytics.stats.PairwiseMoments;
import io.cx.jobs.analytics.stats.PenaltyReward;
import io.cx.jobs.analytics.stats.PercentileInterval;
import io.cx.jobs.analytics.stats.Quadrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one segment's (or ALL's) {@link SegmentMoments} into its lmg and relative_weight rows of
 * driver_importance and the facts shared with shap_gbt. Runs on the executor that holds the
 * moments; pure, no Spark.
 *
 * <p>Per target: the segment is estimated when it has at least {@code drivers.min_n} (ALL) or
 * {@code drivers.min_n_segment} responses with the target and the target varies. Then {@link
 * CorrelationSystem} picks the touchpoints, {@link BootstrapShares} computes the shares and their
 * intervals, and each touchpoint gets its direction (sign of its standardized coefficient in the
 * full linear model, {@link Direction}), performance (weighted mean score), IPA quadrant (the
 * method's share against performance, crosshair at the means unless the config fixes it) and Kano
 * class (penalty-reward regression on bottom-box and top-box dummies, {@link PenaltyReward}).
 */
final class LinearDrivers {
  private LinearDrivers() {}

  static SegmentEstimate estimate(
      SegmentMoments m, Target t, JourneyLayout layout, String segment, DriverOptions o) {
    PairwiseMoments sample = m.linear(t).sample();
    long n = sample.count(0, 0);
    boolean all = Cols.ALL.equals(segment);
    int min = all ? o.minN() : o.minNSegment();
    if (n < min) {
      String note =
          String.format(
              Locale.ROOT,
              "%d responses with %s, below drivers.%s = %d",
              n,
              t.id(),
              all ? "min_n" : "min_n_segment",
              min);
      return skipped(layout, segment, t, n, DriverStatus.SEGMENT_TOO_SMALL, note);
    }
    if (Double.isNaN(sample.correlationMatrix()[0][0])) {
      return skipped(
          layout,
          segment,
          t,
          n,
          DriverStatus.CONSTANT_TARGET,
          "every response has the same " + t.id() + ": nothing to explain");
    }
    List<String> notes = new ArrayList<>();
    KanoClass[] kano = kanoClasses(m.kano(t), m.kanoBoxes(t), o, notes);
    CorrelationSystem system = CorrelationSystem.select(sample, o.minNDriver());
    List<DriverFacts> facts = facts(m, t, layout, system, kano);
    boolean lmg = o.runs(DriverOptions.LMG);
    boolean rw = o.runs(DriverOptions.RELATIVE_WEIGHT);
    BootstrapShares shares =
        system.used().length == 0 || !(lmg || rw)
            ? null
            : BootstrapShares.compute(m.linear(t), system, lmg, rw, o.seed());
    if (shares != null) {
      segmentNotes(shares, system, layout, o, notes);
    }
    Segment s =
        new Segment(layout, segment, t, n, system, sample, kano, String.join("; ", notes), o);
    List<ImportanceRow> rows = new ArrayList<>();
    if (lmg) {
      rows.addAll(s.rows(DriverOptions.LMG, shares == null ? null : shares.lmg(), shares));
    }
    if (rw) {
      rows.addAll(
          s.rows(
              DriverOptions.RELATIVE_WEIGHT,
              shares == null ? null : shares.relativeWeights(),
              shares));
    }
    return new SegmentEstimate(layout.journey(), segment, t, n, true, rows, facts);
  }

  private static SegmentEstimate skipped(
      JourneyLayout layout, String segment, Target t, long n, DriverStatus status, String note) {
    return new SegmentEstimate(
        layout.journey(),
        segment,
        t,
        n,
        false,
        List.of(
            ImportanceRow.notEstimated(layout.journey(), t.id(), segment, n, status.id(), note)),
        List.of());
  }

  /** One estimated segment and target, writing the rows of each method. */
  private record Segment(
      JourneyLayout layout,
      String segment,
      Target t,
      long n,
      CorrelationSystem system,
      PairwiseMoments sample,
      KanoClass[] kano,
      String note,
      DriverOptions o) {

    /**
     * Every touchpoint in journey order: the estimated ones with their share, interval, direction,
     * performance, quadrant and Kano class; the others with their status.
     */
    List<ImportanceRow> rows(String method, BootstrapShares.Fit fit, BootstrapShares shares) {
      int[] used = system.used();
      double[] share = new double[used.length];
      double[] performance = new double[used.length];
      int[] direction = new int[used.length];
      if (fit != null) {
        share = fit.sample().share();
        direction = Direction.of(shares.sampleMatrix(), 0);
      }
      for (int x = 0; x < used.length; x++) {
        performance[x] = sample.mean(used[x] + 1);
      }
      Quadrant[] quadrant = quadrants(share, performance, o);
      List<ImportanceRow> out = new ArrayList<>();
      int x = 0;
      for (int a = 0; a < layout.touchpointCount(); a++) {
        long answers = sample.count(0, a + 1);
        ImportanceRow.Builder b =
            ImportanceRow.builder(layout.journey(), t.id(), segment, method, n)
                .driver(layout.touchpoints().get(a), ImportanceRow.TOUCHPOINT)
                .nDriver(answers);
        DriverStatus status = system.status(a);
        if (status != DriverStatus.ESTIMATED) {
          out.add(b.status(status.id()).note(driverNote(status, answers, t, o)).build());
          continue;
        }
        DriverImportance d = fit.sample();
        PercentileInterval ci = fit.intervals()[x];
        boolean publish = shares.publishable(ci);
        out.add(
            b.importance(d.importance()[x], d.share()[x])
                .interval(
                    publish ? ci.low() : Double.NaN, publish ? ci.high() : Double.NaN, ci.used())
                .direction(direction[x])
                .performance(performance[x])
                .quadrant(quadrant[x] == null ? null : quadrant[x].id())
                .kano(kano[a])
                .fit(d.rSquared(), d.exact())
                .shareMcError(d.exact() ? Double.NaN : d.shareError()[x])
                .note(note)
                .build());
        x++;
      }
      return out;
    }
  }

  /** IPA quadrants, crosshair at the means or where the config fixes it. */
  static Quadrant[] quadrants(double[] share, double[] performance, DriverOptions o) {
    return CrosshairRule.of(o).quadrants(share, performance);
  }

  /**
   * Kano class per touchpoint (journey order), with {@link KanoRule#DEFAULT}'s effect threshold and
   * ratio and {@code drivers.kano_min_count} answers per box; null where it cannot be estimated.
   */
  private static KanoClass[] kanoClasses(
      PairwiseMoments dummies, long[] boxes, DriverOptions o, List<String> notes) {
    int k = (dummies.size() - 1) / 2;
    KanoClass[] out = new KanoClass[k];
    if (k == 0) {
      return out;
    }
    try {
      List<PenaltyReward.Effect> effects =
          PenaltyReward.fit(dummies, KanoRule.DEFAULT.withMinCount(o.kanoMinCount()), boxes);
      for (int a = 0; a < k; a++) {
        out[a] = effects.get(a).kanoClass();
      }
    } catch (IllegalArgumentException e) {
      notes.add("no Kano classes: " + e.getMessage());
    }
    return out;
  }

  private static List<DriverFacts> facts(
      SegmentMoments m,
      Target t,
      JourneyLayout layout,
      CorrelationSystem system,
      KanoClass[] kano) {
    List<DriverFacts> out = new ArrayList<>();
    PairwiseMoments sample = m.linear(t).sample();
    double[][] corr = sample.correlationMatrix();
    for (int a = 0; a < layout.touchpointCount(); a++) {
      boolean estimated = system.status(a) == DriverStatus.ESTIMATED;
      out.add(
          new DriverFacts(
              layout.touchpoints().get(a),
              ImportanceRow.TOUCHPOINT,
              sample.count(0, a + 1),
              sample.count(0, a + 1) > 0 ? sample.mean(a + 1) : Double.NaN,
              estimated ? kano[a] : null,
              sign(corr[0][a + 1])));
    }
    PairwiseMoments metrics = m.metrics(t);
    double[][] mc = metrics.correlationMatrix();
    for (int j = 0; j < layout.metricCount(); j++) {
      out.add(
          new DriverFacts(
              layout.metrics().get(j),
              ImportanceRow.METRIC,
              metrics.count(0, j + 1),
              Double.NaN,
              null,
              sign(mc[0][j + 1])));
    }
    return out;
  }

  private static Integer sign(double c) {
    return Double.isNaN(c) ? null : c < 0 ? -1 : 1;
  }

  private static void segmentNotes(
      BootstrapShares shares,
      CorrelationSystem system,
      JourneyLayout layout,
      DriverOptions o,
      List<String> notes) {
    for (int[] pair : system.filledPairs()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "correlation of %s and %s set to 0: %d joint answers, below drivers.min_n_driver = %d",
              layout.touchpoints().get(pair[0]),
              layout.touchpoints().get(pair[1]),
              pair[2],
              o.minNDriver()));
    }
    if (shares.repaired()) {
      notes.add(
          "the pairwise-complete correlation matrix was not positive semi-definite and was"
              + " replaced by the nearest correlation matrix (Higham 2002)");
    }
    if (shares.unusable() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%d of %d bootstrap replicates had an undefined correlation and were left out%s",
              shares.unusable(),
              shares.replicates(),
              shares.unusable() > (1 - BootstrapShares.MIN_USABLE) * shares.replicates()
                  ? ": too many, no interval published"
                  : ""));
    }
  }

  private static String driverNote(DriverStatus status, long answers, Target t, DriverOptions o) {
    return status == DriverStatus.TOO_FEW_ANSWERS
        ? String.format(
            Locale.ROOT,
            "%d answers with %s, below drivers.min_n_driver = %d",
            answers,
            t.id(),
            o.minNDriver())
        : "every answer has the same score: it cannot explain anything";
  }
}
