package io.cx.common.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The content of a lock file (JSON): who holds the lock and since when.
 *
 * @param runId the run_log run id of the job run that holds it
 * @param key what it guards
 * @param holder the host and process of the holder
 * @param startedAt when the lock was taken
 * @param heartbeatAt the holder's last heartbeat
 */
public record LockRecord(
    String runId, LockKey key, HostIdentity holder, Instant startedAt, Instant heartbeatAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public LockRecord {
    startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
    heartbeatAt = heartbeatAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The same lock with a new heartbeat. */
  public LockRecord beat(Instant now) {
    return new LockRecord(runId, key, holder, startedAt, now);
  }

  public byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("run_id", runId);
    o.put("job", key.job());
    o.put("journey", key.journey());
    o.put("run_date", key.runDate().toString());
    o.put("host", holder.host());
    o.put("pid_namespace", holder.pidNamespace());
    o.put("pid", holder.pid());
    o.put("started_at", startedAt.toString());
    o.put("heartbeat_at", heartbeatAt.toString());
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The record in a lock file, or empty when the file cannot be read as one (being written). */
  public static Optional<LockRecord> parse(byte[] content) {
    try {
      JsonNode o = JSON.readTree(content);
      if (o == null || !o.isObject()) {
        return Optional.empty();
      }
      return Optional.of(
          new LockRecord(
              o.get("run_id").asText(),
              new LockKey(
                  o.get("job").asText(),
                  o.get("journey").asText(),
                  LocalDate.parse(o.get("run_date").asText())),
              new HostIdentity(
                  o.get("host").asText(), o.get("pid_namespace").asText(), o.get("pid").asLong()),
              Instant.parse(o.get("started_at").asText()),
              Instant.parse(o.get("heartbeat_at").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
