package io.cx.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.common.journey.Question;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads the job config: reads the YAML, applies {@code --set} overrides, loads every journey map,
 * and checks everything before any Spark work starts. Every problem of every file is reported in
 * one {@link io.cx.common.error.BadConfigException}.
 */
public final class JobConfigLoader {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private JobConfigLoader() {}

  /** Loads with the process environment (for the pseudonymisation key). */
  public static JobConfig load(Path file, List<String> sets) {
    return load(file, sets, System.getenv());
  }

  /** Loads with the given environment; tests pass their own. */
  public static JobConfig load(Path file, List<String> sets, Map<String, String> env) {
    String display = file.toString();
    Problems problems = new Problems(display);
    JsonNode tree = YamlFiles.read(file, problems);
    problems.throwIfAny();
    if (!tree.isObject()) {
      problems.add("(top level)", "must be a YAML mapping of keys to values");
      problems.throwIfAny();
    }
    ObjectNode root = (ObjectNode) tree;
    Overrides.apply(root, sets, problems);
    JobConfig config = read(root, file, display, env, problems);
    problems.throwIfAny();
    return config;
  }

  private static JobConfig read(
      ObjectNode tree, Path file, String display, Map<String, String> env, Problems problems) {
    ConfigNode root = ConfigNode.root(problems, tree);
    String warehouse = root.string("warehouse", "./warehouse");
    List<String> journeyFiles = root.stringList("journeys");
    problems.check(
        !journeyFiles.isEmpty(),
        "journeys",
        "must list at least one journey map, e.g. journeys: [conf/journeys/online_retail.yaml]");
    String tzText = root.string("timezone", null);

    ConfigNode inputs = root.section("inputs");
    InputSpec surveys = input(inputs, "surveys", true, problems);
    InputSpec events = input(inputs, "events", true, problems);
    InputSpec customers = input(inputs, "customers", false, problems);
    InputSpec benchmarks = input(inputs, "benchmarks", false, problems);

    Map<String, String> spark = new LinkedHashMap<>();
    root.stringMap("spark")
        .forEach((k, v) -> spark.put(k.startsWith("spark.") ? k : "spark." + k, v));

    ConfigNode q = root.section("quality");
    double maxRejectRate = q.number("max_reject_rate", 0.05);
    problems.check(
        maxRejectRate >= 0 && maxRejectRate <= 1,
        "quality.max_reject_rate",
        "must be a share between 0 and 1, e.g. 0.05 for 5 %");

    ConfigNode p = root.section("privacy");
    boolean pseudonymise = p.bool("pseudonymise_ids", false);
    String keyEnv = p.string("key_env", "CX_PSEUDONYM_KEY");
    String key = null;
    if (p.has("key")) {
      problems.add(
          "privacy.key",
          "the key is never read from the file; put it in the environment variable named by privacy.key_env");
    }
    if (pseudonymise) {
      key = env.get(keyEnv);
      problems.check(
          key != null && !key.isBlank(),
          "privacy.key_env",
          "pseudonymise_ids is true but the environment variable "
              + keyEnv
              + " is not set; export it with the HMAC key (at least 16 characters)");
      problems.check(
          key == null || key.isBlank() || key.length() >= 16,
          "privacy.key_env",
          "the key in " + keyEnv + " is shorter than 16 characters; use a longer random key");
    }
    ConfigNode driversNode = root.section("drivers");
    ConfigNode churnNode = root.section("churn");
    DriverOptions drivers = DriverOptions.read(driversNode);
    ChurnOptions churnOptions = ChurnOptions.read(churnNode);
    HistoryOptions history = HistoryOptions.read(root.section("fuse"), driversNode, churnNode);
    KpiOptions kpis = KpiOptions.read(root.section("kpis"));
    LockOptions locks = LockOptions.read(root.section("locks"));
    root.reportUnknownKeys();

    List<JourneyMap> journeys = new ArrayList<>();
    List<JsonNode> journeyTrees = new ArrayList<>();
    for (String jf : journeyFiles) {
      Path resolved = resolve(jf, file);
      Problems jp = problems.forFile(jf);
      JsonNode jt = YamlFiles.read(resolved, jp);
      if (jt.isMissingNode()) {
        continue;
      }
      journeyTrees.add(jt);
      JourneyMap map = JourneyMapLoader.fromTree(jt, jf, jp);
      if (map != null) {
        journeys.add(map);
      }
    }
    crossJourneyRules(journeys, problems);
    ZoneId zone = timezone(tzText, journeys, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    String hash = hash(tree, journeyTrees);
    return new JobConfig(
        display,
        hash,
        warehouse,
        journeys,
        zone,
        surveys,
        events,
        customers,
        benchmarks,
        spark,
        new JobConfig.Quality(maxRejectRate),
        new JobConfig.Privacy(pseudonymise, keyEnv, key),
        drivers,
        churnOptions,
        kpis,
        locks,
        history);
  }

  private static InputSpec input(
      ConfigNode inputs, String name, boolean required, Problems problems) {
    if (!inputs.has(name)) {
      if (required) {
        problems.add(
            inputs.keyPath(name),
            "is required; e.g. " + name + ": {path: data/" + name + "/*.csv, format: csv}");
      }
      return null;
    }
    ConfigNode n = inputs.section(name);
    String path = n.requiredString("path", "give the file, folder or glob to read");
    String formatText = n.string("format", null);
    InputSpec.Format format = null;
    if (formatText != null) {
      try {
        format = InputSpec.Format.valueOf(formatText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            n.keyPath("format"),
            "'" + formatText + "' is not a format; use csv, json, parquet or delta");
      }
    } else if (path != null) {
      format = InputSpec.Format.fromExtension(path);
      if (format == null) {
        problems.add(
            n.keyPath("format"),
            "cannot tell the format of '"
                + path
                + "' from its name; add format: csv, json, parquet or delta");
      }
    }
    InputSpec.Layout layout = InputSpec.Layout.LONG;
    if (name.equals("surveys")) {
      String l = n.string("layout", "long");
      try {
        layout = InputSpec.Layout.valueOf(l.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            n.keyPath("layout"),
            "'"
                + l
                + "' is not a layout; use long (one row per answer) or wide (one column per question)");
      }
    }
    Map<String, String> options = n.stringMap("options");
    return path == null || format == null ? null : new InputSpec(path, format, layout, options);
  }

  private static void crossJourneyRules(List<JourneyMap> journeys, Problems problems) {
    Set<String> ids = new HashSet<>();
    Map<String, String> questionOwner = new HashMap<>();
    for (JourneyMap j : journeys) {
      if (!ids.add(j.id())) {
        problems.add(
            "journeys",
            "journey id '" + j.id() + "' is used by two journey maps; give each its own id");
      }
      for (Question q : j.questions().values()) {
        String owner = questionOwner.putIfAbsent(q.id(), j.id());
        if (owner != null && !owner.equals(j.id())) {
          problems.add(
              "journeys",
              "question '"
                  + q.id()
                  + "' is declared in journeys '"
                  + owner
                  + "' and '"
                  + j.id()
                  + "'; each answer must belong to one journey, so rename one of them");
        }
      }
    }
  }

  private static ZoneId timezone(String tzText, List<JourneyMap> journeys, Problems problems) {
    if (tzText != null) {
      try {
        return ZoneId.of(tzText);
      } catch (DateTimeException e) {
        problems.add(
            "timezone",
            "'" + tzText + "' is not a time zone; use an id such as UTC or Europe/Paris");
        return ZoneOffset.UTC;
      }
    }
    Set<ZoneId> zones = new HashSet<>();
    journeys.forEach(j -> zones.add(j.timezone()));
    if (zones.size() > 1) {
      problems.add(
          "timezone",
          "the journey maps use different time zones "
              + zones
              + "; set timezone in the job config to say how input timestamps without a zone are read");
    }
    return zones.size() == 1 ? zones.iterator().next() : ZoneOffset.UTC;
  }

  /**
   * Relative journey paths are taken from the working directory first (as in the contract's
   * example), then from the config file's folder.
   */
  static Path resolve(String journeyFile, Path configFile) {
    Path p = Path.of(journeyFile);
    if (p.isAbsolute() || Files.exists(p)) {
      return p;
    }
    Path dir = configFile.toAbsolutePath().getParent();
    Path beside = dir == null ? p : dir.resolve(journeyFile);
    return Files.exists(beside) ? beside : p;
  }

  private static String hash(JsonNode config, List<JsonNode> journeys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(canonical(config).getBytes(StandardCharsets.UTF_8));
      for (JsonNode j : journeys) {
        sha.update(canonical(j).getBytes(StandardCharsets.UTF_8));
      }
      StringBuilder sb = new StringBuilder();
      for (byte b : sha.digest()) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(JsonNode node) {
    try {
      Object plain = CANONICAL.treeToValue(node, Object.class);
      return CANONICAL.writeValueAsString(sorted(plain));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, sorted(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return o;
  }
}
