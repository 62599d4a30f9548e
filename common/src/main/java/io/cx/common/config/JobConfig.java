package io.cx.common.config;

import io.cx.common.journey.JourneyMap;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The job config (data contract, section 4), loaded, overridden with {@code --set} and validated by
 * {@link JobConfigLoader}. Immutable.
 *
 * @param file the config file as the user named it
 * @param configHash SHA-256 of the effective config and journey maps, recorded in run_log
 * @param warehouse root of the output tables
 * @param journeys the journey maps, loaded and validated
 * @param timezone zone for input timestamps written without one
 * @param surveys the surveys input
 * @param events the events input
 * @param customers the customers input, or null
 * @param benchmarks external KPI benchmarks (touchpoint or stage, metric, segment, value, source),
 *     or null
 * @param spark settings passed to the SparkSession, keys with their {@code spark.} prefix
 * @param quality data-quality gates
 * @param privacy pseudonymisation settings
 * @param drivers the drivers job's settings
 * @param churn the churn job's settings
 * @param kpis the kpis job's settings
 * @param locks the run locks' heartbeat and staleness
 * @param history fuse's recompute mode and the training windows of drivers and churn
 */
public record JobConfig(
    String file,
    String configHash,
    String warehouse,
    List<JourneyMap> journeys,
    ZoneId timezone,
    InputSpec surveys,
    InputSpec events,
    InputSpec customers,
    InputSpec benchmarks,
    Map<String, String> spark,
    Quality quality,
    Privacy privacy,
    DriverOptions drivers,
    ChurnOptions churn,
    KpiOptions kpis,
    LockOptions locks,
    HistoryOptions history) {

  public JobConfig {
    journeys = List.copyOf(journeys);
    spark = Map.copyOf(spark);
  }

  /** Data-quality gates. */
  public record Quality(double maxRejectRate) {}

  /**
   * Pseudonymisation of customer ids: HMAC-SHA256 with a key read from an environment variable.
   *
   * @param pseudonymiseIds whether to pseudonymise
   * @param keyEnv the environment variable holding the key
   * @param key the key itself, read at load time; never logged, never written
   */
  public record Privacy(boolean pseudonymiseIds, String keyEnv, String key) {
    @Override
    public String toString() {
      return "Privacy[pseudonymiseIds=" + pseudonymiseIds + ", keyEnv=" + keyEnv + "]";
    }
  }

  /** The journey map with this id. */
  public JourneyMap journey(String id) {
    return journeys.stream()
        .filter(j -> j.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no journey " + id));
  }
}
