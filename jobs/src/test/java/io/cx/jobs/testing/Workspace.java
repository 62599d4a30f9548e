package io.cx.jobs.testing;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throw-away project folder for job tests: a small journey map, input files written from strings,
 * and a job config pointing at them, with its warehouse inside the folder.
 */
public final class Workspace {
  /** A small journey: two stages, two touchpoints, overall, NPS and effort questions. */
  public static final String JOURNEY =
      """
      journey: shop
      timezone: UTC
      stages:
        - id: purchase
          touchpoints: [{id: checkout}]
          metrics:
            - {id: payment_errors, events: [payment_error], agg: count}
        - id: delivery
          touchpoints: [{id: delivery}]
          metrics:
            - {id: delay_hours, events: [delivery_completed], agg: max}
      questions:
        q_checkout: {touchpoint: checkout, kind: csat, scale: [1, 5]}
        q_delivery: {touchpoint: delivery, kind: csat, scale: [1, 5]}
        q_overall:  {kind: overall, scale: [1, 5]}
        q_nps:      {kind: nps, scale: [0, 10]}
      outcomes: {satisfaction: q_overall, recommend: q_nps}
      window: {lookback_days: 30}
      churn: {horizon_days: 90, events: [account_closed], inactive_days: 60, activity_events: [app_open]}
      """;

  private final Path root;
  private final List<String> configLines = new ArrayList<>();

  public Workspace(Path root) {
    this.root = root;
    write("journey.yaml", JOURNEY);
  }

  public Path root() {
    return root;
  }

  public Path path(String relative) {
    return root.resolve(relative);
  }

  public String warehouse() {
    return root.resolve("warehouse").toString();
  }

  /** Writes a file under the workspace (folders created). */
  public Path write(String relative, String text) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a line to the config (after the defaults written by {@link #config}). */
  public Workspace configLine(String line) {
    configLines.add(line);
    return this;
  }

  /**
   * Writes {@code cx.yaml}: warehouse and journey inside the workspace, inputs under surveys/,
   * events/ and customers.csv (long layout), plus the extra lines added.
   */
  public Path config() {
    StringBuilder sb = new StringBuilder();
    sb.append("warehouse: ").append(warehouse()).append('\n');
    sb.append("journeys: [").append(root.resolve("journey.yaml")).append("]\n");
    boolean customInputs = configLines.stream().anyMatch(l -> l.startsWith("inputs:"));
    if (!customInputs) {
      sb.append("inputs:\n");
      sb.append("  surveys: {path: ")
          .append(root.resolve("surveys"))
          .append("/*.csv, format: csv}\n");
      sb.append("  events: {path: ").append(root.resolve("events")).append("/*.csv}\n");
      sb.append("  customers: {path: ").append(root.resolve("customers.csv")).append("}\n");
    }
    configLines.forEach(l -> sb.append(l).append('\n'));
    return write("cx.yaml", sb.toString());
  }

  public JobConfig load(String... sets) {
    return JobConfigLoader.load(config(), List.of(sets), Map.of());
  }

  public JobConfig load(Map<String, String> env, String... sets) {
    return JobConfigLoader.load(config(), List.of(sets), env);
  }
}
