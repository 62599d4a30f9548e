package io.cx.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.journey.JourneyMapRulesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code locks:} section: defaults, overrides and every rule with its exact message. */
class LockOptionsTest {
  @TempDir Path dir;

  private Path config(String extra) throws IOException {
    Path journey = Files.writeString(dir.resolve("shop.yaml"), JourneyMapRulesTest.VALID);
    return Files.writeString(
        dir.resolve("cx.yaml"),
        "journeys: ["
            + journey
            + "]\n"
            + "inputs:\n"
            + "  surveys: {path: data/s/*.csv}\n"
            + "  events: {path: data/e.json}\n"
            + extra);
  }

  private List<ConfigProblem> problems(String extra, String... sets) throws IOException {
    Path f = config(extra);
    return assertThrows(
            BadConfigException.class, () -> JobConfigLoader.load(f, List.of(sets), Map.of()))
        .problems();
  }

  @Test
  void defaultsAndOverrides() throws IOException {
    Path f = config("");
    LockOptions defaults = JobConfigLoader.load(f, List.of(), Map.of()).locks();
    assertEquals(new LockOptions(Duration.ofSeconds(30), Duration.ofSeconds(300)), defaults);
    assertEquals(LockOptions.defaults(), defaults);
    LockOptions set =
        JobConfigLoader.load(
                f, List.of("locks.heartbeat_seconds=5", "locks.stale_after_seconds=15"), Map.of())
            .locks();
    assertEquals(new LockOptions(Duration.ofSeconds(5), Duration.ofSeconds(15)), set);
  }

  @Test
  void aHeartbeatUnderOneSecondIsRefused() throws IOException {
    Path f = config("locks: {heartbeat_seconds: 0}\n");
    assertEquals(
        List.of(
            new ConfigProblem(
                f.toString(), "locks.heartbeat_seconds", "must be at least 1 second, e.g. 30")),
        problems("locks: {heartbeat_seconds: 0}\n"));
  }

  @Test
  void aLockMustSurviveThreeMissedHeartbeats() throws IOException {
    String extra = "locks: {heartbeat_seconds: 20, stale_after_seconds: 59}\n";
    Path f = config(extra);
    assertEquals(
        List.of(
            new ConfigProblem(
                f.toString(),
                "locks.stale_after_seconds",
                "must be at least 3 heartbeats (60 s with heartbeat_seconds 20), so that a late"
                    + " heartbeat does not hand a running run's lock to another; e.g. 300")),
        problems(extra));
  }

  @Test
  void unknownKeysAndNonNumbersAreNamed() throws IOException {
    String extra = "locks: {stale_after: 600, heartbeat_seconds: often}\n";
    Path f = config(extra);
    assertEquals(
        List.of(
            new ConfigProblem(
                f.toString(), "locks.heartbeat_seconds", "must be a whole number, got 'often'"),
            new ConfigProblem(
                f.toString(),
                "locks.stale_after",
                "unknown key; did you mean 'stale_after_seconds'? Known keys here:"
                    + " heartbeat_seconds, stale_after_seconds.")),
        problems(extra));
  }
}
