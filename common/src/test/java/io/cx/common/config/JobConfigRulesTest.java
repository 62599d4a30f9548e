package io.cx.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.journey.JourneyMapRulesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per job-config rule, asserting file, key and message; and the --set overrides. */
class JobConfigRulesTest {
  @TempDir Path dir;
  Path journey;

  @BeforeEach
  void journeyMap() throws IOException {
    journey = Files.writeString(dir.resolve("shop.yaml"), JourneyMapRulesTest.VALID);
  }

  Path config(String extra) throws IOException {
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

  List<ConfigProblem> problems(Path file, List<String> sets, Map<String, String> env) {
    BadConfigException e =
        assertThrows(BadConfigException.class, () -> JobConfigLoader.load(file, sets, env));
    return e.problems();
  }

  void assertProblem(String extra, String key, String message) throws IOException {
    assertProblem(extra, List.of(), Map.of(), key, message);
  }

  void assertProblem(
      String extra, List<String> sets, Map<String, String> env, String key, String message)
      throws IOException {
    Path f = config(extra);
    List<ConfigProblem> all = problems(f, sets, env);
    assertTrue(
        all.contains(new ConfigProblem(f.toString(), key, message)),
        "expected " + key + ": " + message + " in " + all);
  }

  @Test
  void aValidConfigLoadsWithDefaults() throws IOException {
    JobConfig c = JobConfigLoader.load(config(""), List.of(), Map.of());
    assertEquals("./warehouse", c.warehouse());
    assertEquals(InputSpec.Format.CSV, c.surveys().format());
    assertEquals(InputSpec.Format.JSON, c.events().format());
    assertEquals(InputSpec.Layout.LONG, c.surveys().layout());
    assertEquals(0.05, c.quality().maxRejectRate());
    assertEquals(100, c.drivers().minN());
    assertEquals(30, c.kpis().minN());
    assertEquals("hash", c.churn().split());
    assertEquals(HistoryOptions.defaults(), c.history());
    assertEquals(64, c.configHash().length());
  }

  @Test
  void overridesApplyBeforeValidationAndChangeTheHash() throws IOException {
    Path f = config("");
    JobConfig base = JobConfigLoader.load(f, List.of(), Map.of());
    JobConfig c =
        JobConfigLoader.load(
            f,
            List.of(
                "quality.max_reject_rate=0.2",
                "spark.sql.shuffle.partitions=4",
                "inputs.surveys.layout=wide",
                "warehouse=s3a://b/w"),
            Map.of());
    assertEquals(0.2, c.quality().maxRejectRate());
    assertEquals("4", c.spark().get("spark.sql.shuffle.partitions"));
    assertEquals(InputSpec.Layout.WIDE, c.surveys().layout());
    assertEquals("s3a://b/w", c.warehouse());
    assertNotEquals(base.configHash(), c.configHash());
    assertEquals(base.configHash(), JobConfigLoader.load(f, List.of(), Map.of()).configHash());
    assertProblem(
        "",
        List.of("quality"),
        Map.of(),
        "--set quality",
        "must look like key=value, e.g. quality.max_reject_rate=0.1");
    assertProblem(
        "",
        List.of("inputs.surveys.path.x=1"),
        Map.of(),
        "--set inputs.surveys.path.x",
        "'path' is a single value, not a section");
  }

  @Test
  void unknownKeysGetADidYouMeanHint() throws IOException {
    assertProblem(
        "qualiti: {max_reject_rate: 0.1}\n",
        "qualiti",
        "unknown key; did you mean 'quality'? Known keys here: warehouse, journeys, timezone, inputs, spark, quality, privacy, drivers, churn, fuse, kpis, locks.");
    assertProblem(
        "quality: {max_rejects: 0.1}\n",
        "quality.max_rejects",
        "unknown key; did you mean 'max_reject_rate'? Known keys here: max_reject_rate.");
  }

  @Test
  void historyOptionsAreChecked() throws IOException {
    assertProblem(
        "fuse: {recompute: sometimes}\n",
        "fuse.recompute",
        "'sometimes' is not a recompute mode; use incremental (the responses whose inputs changed"
            + " since the last successful fuse run, the default) or full (every response of the"
            + " journeys)");
    assertProblem(
        "drivers: {window_days: 0}\n",
        "drivers.window_days",
        "must be at least 1 day of responses to learn from, e.g. 365");
    assertProblem(
        "churn: {window_days: -3}\n",
        "churn.window_days",
        "must be at least 1 day of responses to learn from, e.g. 365");
  }

  @Test
  void requiredPartsAreNamedWithAnExample() throws IOException {
    Path f = Files.writeString(dir.resolve("cx.yaml"), "warehouse: w\n");
    List<ConfigProblem> all = problems(f, List.of(), Map.of());
    assertTrue(
        all.contains(
            new ConfigProblem(
                f.toString(),
                "journeys",
                "must list at least one journey map, e.g. journeys: [conf/journeys/online_retail.yaml]")),
        all.toString());
    assertTrue(
        all.contains(
            new ConfigProblem(
                f.toString(),
                "inputs.surveys",
                "is required; e.g. surveys: {path: data/surveys/*.csv, format: csv}")),
        all.toString());
  }

  @Test
  void formatsAndLayoutsAreChecked() throws IOException {
    assertProblem(
        "",
        List.of("inputs.events.path=data/events"),
        Map.of(),
        "inputs.events.format",
        "cannot tell the format of 'data/events' from its name; add format: csv, json, parquet or delta");
    assertProblem(
        "",
        List.of("inputs.events.format=xlsx"),
        Map.of(),
        "inputs.events.format",
        "'xlsx' is not a format; use csv, json, parquet or delta");
    assertProblem(
        "",
        List.of("inputs.surveys.layout=tall"),
        Map.of(),
        "inputs.surveys.layout",
        "'tall' is not a layout; use long (one row per answer) or wide (one column per question)");
  }

  @Test
  void theRejectRateIsAShare() throws IOException {
    assertProblem(
        "quality: {max_reject_rate: 5}\n",
        "quality.max_reject_rate",
        "must be a share between 0 and 1, e.g. 0.05 for 5 %");
    assertProblem(
        "quality: {max_reject_rate: lots}\n",
        "quality.max_reject_rate",
        "must be a number, got 'lots'");
  }

  @Test
  void thePseudonymKeyComesFromTheEnvironmentOnly() throws IOException {
    String on = "privacy: {pseudonymise_ids: true, key_env: MY_KEY}\n";
    assertProblem(
        on,
        "privacy.key_env",
        "pseudonymise_ids is true but the environment variable MY_KEY is not set; export it with the HMAC key (at least 16 characters)");
    assertProblem(
        on,
        List.of(),
        Map.of("MY_KEY", "short"),
        "privacy.key_env",
        "the key in MY_KEY is shorter than 16 characters; use a longer random key");
    assertProblem(
        "privacy: {key: abc}\n",
        "privacy.key",
        "the key is never read from the file; put it in the environment variable named by privacy.key_env");
    JobConfig c = JobConfigLoader.load(config(on), List.of(), Map.of("MY_KEY", "0123456789abcdef"));
    assertEquals("0123456789abcdef", c.privacy().key());
    assertTrue(!c.privacy().toString().contains("0123456789abcdef"));
  }

  @Test
  void journeysAreUniqueAndOwnTheirQuestions() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("cx.yaml"),
            "journeys: ["
                + journey
                + ", "
                + journey
                + "]\ninputs: {surveys: {path: s.csv}, events: {path: e.csv}}\n");
    List<ConfigProblem> all = problems(f, List.of(), Map.of());
    assertTrue(
        all.contains(
            new ConfigProblem(
                f.toString(),
                "journeys",
                "journey id 'shop' is used by two journey maps; give each its own id")),
        all.toString());
    Path other =
        Files.writeString(
            dir.resolve("other.yaml"),
            JourneyMapRulesTest.VALID.replace(
                "journey: shop", "journey: other\ntimezone: Europe/Paris"));
    Path g =
        Files.writeString(
            dir.resolve("cx2.yaml"),
            "journeys: ["
                + journey
                + ", "
                + other
                + "]\ninputs: {surveys: {path: s.csv}, events: {path: e.csv}}\n");
    all = problems(g, List.of(), Map.of());
    assertTrue(
        all.contains(
            new ConfigProblem(
                g.toString(),
                "journeys",
                "question 'q_checkout' is declared in journeys 'shop' and 'other'; each answer must belong to one journey, so rename one of them")),
        all.toString());
    assertTrue(
        all.stream()
            .anyMatch(
                p ->
                    p.key().equals("timezone")
                        && p.message().startsWith("the journey maps use different time zones")),
        all.toString());
  }

  @Test
  void aJourneyMapProblemNamesTheJourneyFile() throws IOException {
    Files.writeString(
        journey, JourneyMapRulesTest.VALID.replace("lookback_days: 30", "lookback_days: -1"));
    Path f = config("");
    List<ConfigProblem> all = problems(f, List.of(), Map.of());
    assertEquals(
        List.of(
            new ConfigProblem(
                journey.toString(),
                "window.lookback_days",
                "must be at least 1 (days before the survey)")),
        all);
  }

  @Test
  void aMissingFileIsOneClearProblem() {
    Path f = dir.resolve("nope.yaml");
    List<ConfigProblem> all = problems(f, List.of(), Map.of());
    assertEquals(1, all.size());
    assertEquals("(file)", all.get(0).key());
    assertTrue(all.get(0).message().startsWith("not found; check the path"));
  }

  @Test
  void jobSectionsAreValidated() throws IOException {
    assertProblem(
        "kpis: {grains: [year]}\n", "kpis.grains", "'year' is not a grain; use day, week or month");
    assertProblem("kpis: {fdr: 1.5}\n", "kpis.fdr", "must be a rate between 0 and 1, e.g. 0.05");
    assertProblem(
        "drivers: {replicates: 5}\n", "drivers.replicates", "must be between 20 and 2000");
    assertProblem(
        "churn: {split: random}\n",
        "churn.split",
        "'random' is not a split; use hash (by customer) or time (train on older surveys)");
  }
}
