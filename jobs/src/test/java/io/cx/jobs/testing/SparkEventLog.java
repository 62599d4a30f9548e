package io.cx.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a Spark event log ({@code spark.eventLog.enabled}, one JSON event per line) says about where
 * tasks ran: the application's id, successful tasks per executor id, and the executors removed.
 */
public final class SparkEventLog {
  private final List<JsonNode> events = new ArrayList<>();

  /** Reads the one application's event log in {@code dir}. */
  public SparkEventLog(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs = files.toList();
      if (logs.size() != 1) {
        throw new IllegalStateException("expected one event log in " + dir + ": " + logs);
      }
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(logs.get(0), StandardCharsets.UTF_8)) {
        events.add(json.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stream<JsonNode> events(String type) {
    return events.stream().filter(e -> type.equals(e.path("Event").asText()));
  }

  /** The application's id ({@code app-...}), as the Master names it. */
  public String appId() {
    return events("SparkListenerApplicationStart")
        .map(e -> e.path("App ID").asText())
        .findFirst()
        .orElseThrow();
  }

  /** Tasks that succeeded, per executor id ("driver" for tasks run on the driver). */
  public Map<String, Long> successfulTasksPerExecutor() {
    Map<String, Long> n = new TreeMap<>();
    events("SparkListenerTaskEnd")
        .filter(e -> "Success".equals(e.path("Task End Reason").path("Reason").asText()))
        .forEach(e -> n.merge(e.path("Task Info").path("Executor ID").asText(), 1L, Long::sum));
    return n;
  }

  /** Tasks that did not succeed (lost with an executor, fetch failures, ...), per reason. */
  public Map<String, Long> failedTasksPerReason() {
    Map<String, Long> n = new TreeMap<>();
    events("SparkListenerTaskEnd")
        .map(e -> e.path("Task End Reason").path("Reason").asText())
        .filter(r -> !"Success".equals(r))
        .forEach(r -> n.merge(r, 1L, Long::sum));
    return n;
  }

  /** The executors removed while the application ran, with Spark's reason. */
  public Map<String, String> removedExecutors() {
    Map<String, String> removed = new TreeMap<>();
    events("SparkListenerExecutorRemoved")
        .forEach(
            e -> removed.put(e.path("Executor ID").asText(), e.path("Removed Reason").asText()));
    return removed;
  }
}
