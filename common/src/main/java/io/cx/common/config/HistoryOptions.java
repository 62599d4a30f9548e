package io.cx.common.config;

import java.util.Locale;

/**
 * How the jobs treat history: whether fuse recomputes only what changed ({@code fuse.recompute}),
 * and how many days of responses drivers and churn learn from ({@code drivers.window_days}, {@code
 * churn.window_days}).
 *
 * @param fuseRecompute incremental (the responses whose inputs changed since the last successful
 *     fuse run, the default) or full (every response of the journeys)
 * @param driversWindowDays drivers reads the responses submitted in the last this many days up to
 *     the end of the run date
 * @param churnWindowDays churn reads the responses submitted in the last this many days
 */
public record HistoryOptions(
    KpiOptions.Recompute fuseRecompute, int driversWindowDays, int churnWindowDays) {
  public static final int DEFAULT_WINDOW_DAYS = 365;

  /** The defaults: incremental fuse, a year of responses for drivers and churn. */
  public static HistoryOptions defaults() {
    return new HistoryOptions(
        KpiOptions.Recompute.INCREMENTAL, DEFAULT_WINDOW_DAYS, DEFAULT_WINDOW_DAYS);
  }

  /** The same options with another fuse recompute mode. */
  public HistoryOptions withFuseRecompute(KpiOptions.Recompute mode) {
    return new HistoryOptions(mode, driversWindowDays, churnWindowDays);
  }

  static HistoryOptions read(ConfigNode fuse, ConfigNode drivers, ConfigNode churn) {
    String text = fuse.string("recompute", KpiOptions.Recompute.INCREMENTAL.id());
    KpiOptions.Recompute mode = KpiOptions.Recompute.INCREMENTAL;
    try {
      mode = KpiOptions.Recompute.valueOf(String.valueOf(text).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      fuse.problems()
          .add(
              fuse.keyPath("recompute"),
              "'"
                  + text
                  + "' is not a recompute mode; use incremental (the responses whose inputs"
                  + " changed since the last successful fuse run, the default) or full (every"
                  + " response of the journeys)");
    }
    int driversDays = windowDays(drivers);
    int churnDays = windowDays(churn);
    return new HistoryOptions(mode, driversDays, churnDays);
  }

  private static int windowDays(ConfigNode n) {
    int days = n.integer("window_days", DEFAULT_WINDOW_DAYS);
    n.problems()
        .check(
            days >= 1,
            n.keyPath("window_days"),
            "must be at least 1 day of responses to learn from, e.g. " + DEFAULT_WINDOW_DAYS);
    return days;
  }
}
