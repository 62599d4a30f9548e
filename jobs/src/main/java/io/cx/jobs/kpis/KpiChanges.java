package io.cx.jobs.kpis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.cx.common.config.KpiOptions;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.ChangeFeed;
import io.cx.common.spark.Steps;
import io.cx.common.spark.TableIO;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What an incremental run recomputes: the periods (every grain) whose answers changed since the
 * journey's last successful kpis run ({@link KpiBaseline}), the later periods whose norm they feed,
 * and the periods whose rows were computed before they ended and have ended since (so that {@code
 * complete} turns true). Everything else in touchpoint_kpis is what a full recompute would give.
 *
 * <p>The answers that changed since the baseline read version v of survey_answers on date B, for a
 * run on D (B &lt;= D) at version V:
 *
 * <ul>
 *   <li>the rows added, removed or updated in versions v+1 to V, from Delta's Change Data Feed
 *       (ingested on or before D): new and late answers, and re-ingested dates;
 *   <li>the rows of version V ingested after B or answered after B (the baseline left them out: a
 *       run for B reads nothing ingested or answered later), which covers dates ingested ahead of
 *       the baseline's run.
 * </ul>
 *
 * A journey is computed in full (every period up to D) when this cannot be known: touchpoint_kpis
 * does not exist or lacks the journey or one of the grains, no successful kpis run of the journey
 * is in run_log, its run date is after D (a rerun of an older date), survey_answers is older than
 * the version it read, or the change feed cannot serve versions v+1 to V ({@link ChangeFeed}). The
 * run's note says which and why.
 */
final class KpiChanges {
  private KpiChanges() {}

  /**
   * The plan and what the run should tell the user about it.
   *
   * @param plan the periods to compute
   * @param notes one sentence per reason, for the run's note and log
   */
  record Decision(PeriodPlan plan, List<String> notes) {}

  /**
   * Plans the run.
   *
   * @param surveyAnswers survey_answers at {@code version}, the version the run reads
   */
  static Decision plan(
      TableIO tables,
      Steps steps,
      LocalDate runDate,
      List<JourneyMap> journeys,
      KpiOptions options,
      Dataset<Row> surveyAnswers,
      long version) {
    List<String> ids = journeys.stream().map(JourneyMap::id).toList();
    if (options.recompute() == KpiOptions.Recompute.FULL) {
      return new Decision(
          PeriodPlan.of(runDate, options, ids),
          List.of("kpis.recompute is full: every period up to " + runDate + " computed."));
    }
    if (!tables.exists(Tables.TOUCHPOINT_KPIS)) {
      return new Decision(
          PeriodPlan.of(runDate, options.withRecompute(KpiOptions.Recompute.FULL), ids),
          List.of(
              "first run (touchpoint_kpis does not exist yet): every period up to "
                  + runDate
                  + " computed."));
    }
    steps.start("find what is new since the last kpis run");
    List<Grain> grains = PeriodPlan.grains(options);
    Map<String, KpiBaseline> baselines = KpiBaseline.of(tables, ids);
    Map<String, Stored> stored = stored(tables, ids);
    Map<String, String> everyWhy = new LinkedHashMap<>();
    Map<String, KpiBaseline> incremental = new LinkedHashMap<>();
    for (String j : ids) {
      KpiBaseline b = baselines.get(j);
      Stored s = stored.get(j);
      List<String> missing =
          grains.stream().filter(g -> s == null || !s.grains.contains(g)).map(Grain::id).toList();
      if (b == null) {
        everyWhy.put(j, "no successful kpis run of the journey in run_log");
      } else if (!missing.isEmpty()) {
        everyWhy.put(
            j, "touchpoint_kpis has no " + String.join(", ", missing) + " rows of the journey");
      } else if (b.runDate().isAfter(runDate)) {
        everyWhy.put(
            j,
            "its last successful kpis run was for "
                + b.runDate()
                + ", after "
                + runDate
                + " (later periods are left as they are)");
      } else if (b.version() > version) {
        everyWhy.put(
            j,
            "survey_answers is at version "
                + version
                + ", before version "
                + b.version()
                + " read by its last successful kpis run");
      } else {
        incremental.put(j, b);
      }
    }
    Map<String, Set<LocalDate>> days = new HashMap<>();
    Map<String, KpiBaseline> behind = new LinkedHashMap<>();
    incremental.forEach(
        (j, b) -> {
          if (b.version() < version) {
            behind.put(j, b);
          }
        });
    if (!behind.isEmpty()) {
      long after = behind.values().stream().mapToLong(KpiBaseline::version).min().orElseThrow();
      ChangeFeed.Read<List<Row>> changed =
          ChangeFeed.read(
              tables,
              Tables.SURVEY_ANSWERS,
              after,
              version,
              c -> changedDays(c, behind, journeys, runDate, true));
      if (changed.available()) {
        collect(changed.value(), days);
      } else {
        behind.forEach(
            (j, b) -> {
              everyWhy.put(
                  j,
                  "survey_answers cannot say what changed since version "
                      + b.version()
                      + ", read by the kpis run of "
                      + b.runDate()
                      + ": "
                      + changed.unavailable());
              incremental.remove(j);
            });
      }
    }
    Map<String, KpiBaseline> earlier = new LinkedHashMap<>();
    incremental.forEach(
        (j, b) -> {
          if (b.runDate().isBefore(runDate)) {
            earlier.put(j, b);
          }
        });
    if (!earlier.isEmpty()) {
      collect(changedDays(surveyAnswers, earlier, journeys, runDate, false), days);
    }

    Map<String, Periods> byJourney = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, List<String>> byWhy = new LinkedHashMap<>();
    everyWhy.forEach((j, why) -> byWhy.computeIfAbsent(why, k -> new ArrayList<>()).add(j));
    for (String j : ids) {
      KpiBaseline b = incremental.get(j);
      if (b == null) {
        byJourney.put(j, Periods.EVERY);
        continue;
      }
      Set<LocalDate> changed = days.getOrDefault(j, Set.of());
      Periods p =
          Periods.containing(changed, grains)
              .withNormsAfter(options.normPeriods(), runDate)
              .plus(stored.get(j).endedSince(runDate));
      byJourney.put(j, p);
      notes.add(
          String.format(
              "%s: answers of %d day%s changed since survey_answers version %d (read by the kpis"
                  + " run of %s).",
              j, changed.size(), changed.size() == 1 ? "" : "s", b.version(), b.runDate()));
    }
    byWhy.forEach(
        (why, js) ->
            notes.add(
                0,
                "every period up to "
                    + runDate
                    + " computed for "
                    + String.join(", ", js)
                    + ": "
                    + why
                    + "."));
    return new Decision(PeriodPlan.of(runDate, options, byJourney), notes);
  }

  /**
   * The distinct (journey, local day) of answers that changed: with {@code changeFeed}, change rows
   * committed after each journey's baseline version; otherwise, rows of the current version
   * ingested or answered after each journey's baseline date. Only answers a run for D reads count:
   * ingested on or before D, answered on or before D.
   */
  private static List<Row> changedDays(
      Dataset<Row> rows,
      Map<String, KpiBaseline> baselines,
      List<JourneyMap> journeys,
      LocalDate runDate,
      boolean changeFeed) {
    Column any = lit(false);
    for (JourneyMap j : journeys) {
      KpiBaseline b = baselines.get(j.id());
      if (b == null) {
        continue;
      }
      Column since;
      if (changeFeed) {
        since = col(ChangeFeed.COMMIT_VERSION).gt(b.version());
      } else {
        Timestamp dayAfter =
            Timestamp.from(b.runDate().plusDays(1).atStartOfDay(j.timezone()).toInstant());
        since =
            col(Cols.RUN_DATE)
                .gt(lit(Date.valueOf(b.runDate())))
                .or(col(Cols.SUBMITTED_AT).geq(lit(dayAfter)));
      }
      any = any.or(col(Cols.JOURNEY).equalTo(j.id()).and(since));
    }
    Column day = KpiAnswers.localDay(journeys);
    return rows.where(any)
        .where(col(Cols.RUN_DATE).leq(lit(Date.valueOf(runDate))))
        .select(col(Cols.JOURNEY), day.as(KpiAnswers.DAY))
        .where(col(KpiAnswers.DAY).leq(lit(Date.valueOf(runDate))))
        .distinct()
        .collectAsList();
  }

  private static void collect(List<Row> rows, Map<String, Set<LocalDate>> days) {
    for (Row r : rows) {
      days.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getDate(1).toLocalDate());
    }
  }

  /**
   * What touchpoint_kpis holds of a journey: its grains, and the periods whose rows were computed
   * before the period ended (complete false).
   */
  private record Stored(Set<Grain> grains, Map<Grain, Set<LocalDate>> unfinished) {
    /** The unfinished periods that have ended by D. */
    Periods endedSince(LocalDate runDate) {
      Map<Grain, SortedSet<LocalDate>> out = new EnumMap<>(Grain.class);
      unfinished.forEach(
          (g, starts) ->
              out.put(
                  g,
                  starts.stream()
                      .filter(s -> !g.last(s).isAfter(runDate))
                      .collect(Collectors.toCollection(TreeSet::new))));
      return new Periods(false, out);
    }
  }

  private static Map<String, Stored> stored(TableIO tables, List<String> journeys) {
    Dataset<Row> kpis = tables.readUnrecorded(Tables.TOUCHPOINT_KPIS).orElseThrow();
    List<Row> rows =
        kpis.where(col(Cols.JOURNEY).isin(journeys.toArray()))
            .groupBy(col(Cols.JOURNEY), col(Cols.PERIOD_GRAIN))
            .agg(collect_set(when(not(col(Cols.COMPLETE)), col(Cols.PERIOD_START))))
            .collectAsList();
    Map<String, Stored> out = new HashMap<>();
    for (Row r : rows) {
      Grain g = Grain.of(r.getString(1));
      Stored s =
          out.computeIfAbsent(
              r.getString(0),
              k -> new Stored(EnumSet.noneOf(Grain.class), new EnumMap<>(Grain.class)));
      s.grains.add(g);
      Set<LocalDate> starts = new TreeSet<>();
      for (Object d : r.getList(2)) {
        starts.add(((Date) d).toLocalDate());
      }
      s.unfinished.put(g, starts);
    }
    return out;
  }
}
