package io.cx.common.journey;

import com.fasterxml.jackson.databind.JsonNode;
import io.cx.common.config.ConfigNode;
import io.cx.common.config.Problems;
import io.cx.common.config.YamlFiles;
import java.nio.file.Path;
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

/**
 * Loads a journey map and checks every rule of the data contract (section 2), plus: unknown keys
 * are errors with a did-you-mean hint, and every id is a safe identifier, because ids become column
 * names. All problems of a file are collected before anything is thrown.
 */
public final class JourneyMapLoader {
  /** The pattern every id must match. */
  public static final String SAFE_ID = "[a-z][a-z0-9_]{0,62}";

  private JourneyMapLoader() {}

  /** Loads a file; records problems and returns null when it is not valid. */
  public static JourneyMap load(Path file, String displayName, Problems sink) {
    Problems problems = sink.forFile(displayName);
    JsonNode tree = YamlFiles.read(file, problems);
    if (tree.isMissingNode()) {
      return null;
    }
    return fromTree(tree, displayName, problems);
  }

  /** Loads a file and throws a BadConfigException naming every problem. */
  public static JourneyMap load(Path file) {
    Problems problems = new Problems(file.toString());
    JourneyMap map = load(file, file.toString(), problems);
    problems.throwIfAny();
    return map;
  }

  /** Reads a parsed tree; records problems and returns null when it is not valid. */
  public static JourneyMap fromTree(JsonNode tree, String displayName, Problems problems) {
    if (tree.isMissingNode()) {
      return null; // unreadable: the reader has said why
    }
    int before = problems.all().size();
    ConfigNode root = ConfigNode.root(problems, tree);
    String id = safeId(root, "journey", problems);
    ZoneId zone = zone(root, problems);

    Set<String> stageIds = new HashSet<>();
    Map<String, String> elementIds =
        new HashMap<>(); // touchpoint/metric id -> "touchpoint"/"metric"
    List<Stage> stages = new ArrayList<>();
    List<ConfigNode> stageNodes = root.sectionList("stages");
    problems.check(
        !stageNodes.isEmpty(),
        "stages",
        "must list at least one stage, each with an id and its touchpoints and/or metrics");
    for (ConfigNode s : stageNodes) {
      stages.add(stage(s, stageIds, elementIds, problems));
    }

    Map<String, Question> questions = new LinkedHashMap<>();
    Map<String, ConfigNode> questionNodes = root.namedSections("questions");
    problems.check(
        !questionNodes.isEmpty(),
        "questions",
        "must declare every survey question, e.g. q_overall: {kind: overall, scale: [1, 5]}");
    for (Map.Entry<String, ConfigNode> e : questionNodes.entrySet()) {
      Question q = question(e.getKey(), e.getValue(), elementIds, problems);
      if (q != null) {
        questions.put(q.id(), q);
      }
    }
    for (Stage st : stages) {
      for (Touchpoint tp : st.touchpoints()) {
        boolean rated = questions.values().stream().anyMatch(q -> tp.id().equals(q.touchpoint()));
        problems.check(
            rated,
            "questions",
            "touchpoint '"
                + tp.id()
                + "' has no question; declare one with {touchpoint: "
                + tp.id()
                + ", kind: csat, scale: [1, 5]}");
      }
    }

    Outcomes outcomes = outcomes(root.section("outcomes"), questions, problems);
    ConfigNode window = root.section("window");
    int lookback = window.integer("lookback_days", 30);
    problems.check(
        lookback > 0, "window.lookback_days", "must be at least 1 (days before the survey)");
    ChurnRule churn = root.has("churn") ? churn(root.section("churn"), problems) : null;

    root.reportUnknownKeys();
    if (problems.all().size() > before) {
      return null;
    }
    return new JourneyMap(id, displayName, zone, stages, questions, outcomes, lookback, churn);
  }

  private static ZoneId zone(ConfigNode root, Problems problems) {
    String tz = root.string("timezone", "UTC");
    try {
      return tz == null ? ZoneOffset.UTC : ZoneId.of(tz);
    } catch (DateTimeException e) {
      problems.add(
          "timezone", "'" + tz + "' is not a time zone; use an id such as UTC or Europe/Paris");
      return ZoneOffset.UTC;
    }
  }

  private static Stage stage(
      ConfigNode s, Set<String> stageIds, Map<String, String> elementIds, Problems problems) {
    String id = safeId(s, "id", problems);
    if (id != null && !stageIds.add(id)) {
      problems.add(
          s.keyPath("id"), "stage id '" + id + "' is used twice; give each stage its own id");
    }
    String name = s.string("name", id);
    List<Touchpoint> tps = new ArrayList<>();
    for (ConfigNode t : s.sectionList("touchpoints")) {
      String tid = safeId(t, "id", problems);
      unique(tid, "touchpoint", t.keyPath("id"), elementIds, problems);
      String tpName = t.string("name", tid);
      if (tid != null) {
        tps.add(new Touchpoint(tid, tpName));
      }
    }
    List<Metric> metrics = new ArrayList<>();
    for (ConfigNode m : s.sectionList("metrics")) {
      String mid = safeId(m, "id", problems);
      unique(mid, "metric", m.keyPath("id"), elementIds, problems);
      List<String> events = lower(m.stringList("events"));
      problems.check(
          !events.isEmpty(),
          m.keyPath("events"),
          "must list at least one event type, e.g. events: [payment_error]");
      String aggText =
          m.requiredString("agg", "choose one of count, sum, avg, min, max, p50, p90, exists");
      Agg agg = aggText == null ? null : Agg.parse(aggText);
      if (aggText != null && agg == null) {
        problems.add(
            m.keyPath("agg"),
            "'"
                + aggText
                + "' is not an aggregation; use count, sum, avg, min, max, pNN (p1..p99) or exists");
      }
      if (mid != null && agg != null) {
        metrics.add(new Metric(mid, events, agg));
      }
    }
    problems.check(
        !tps.isEmpty() || !metrics.isEmpty(),
        s.keyPath("touchpoints"),
        "stage '" + id + "' has neither touchpoints nor metrics; add at least one");
    return new Stage(id, name, tps, metrics);
  }

  private static void unique(
      String id, String kind, String where, Map<String, String> seen, Problems problems) {
    if (id == null) {
      return;
    }
    String before = seen.putIfAbsent(id, kind);
    if (before != null) {
      problems.add(
          where,
          kind
              + " id '"
              + id
              + "' is already used by a "
              + before
              + "; touchpoint and metric ids must be unique in a journey, as they name columns");
    }
  }

  private static Question question(
      String id, ConfigNode q, Map<String, String> elementIds, Problems problems) {
    boolean ok = true;
    if (!id.matches(SAFE_ID)) {
      problems.add(q.path(), badId(id));
      ok = false;
    }
    String tp = q.string("touchpoint", null);
    if (tp != null && !"touchpoint".equals(elementIds.get(tp))) {
      problems.add(
          q.keyPath("touchpoint"),
          "'"
              + tp
              + "' is not a touchpoint of this journey; declare it under a stage's touchpoints"
              + hint(tp, touchpointIds(elementIds)));
      ok = false;
    }
    String kindText = q.requiredString("kind", "choose one of csat, nps, ces, overall");
    QuestionKind kind = null;
    if (kindText != null) {
      try {
        kind = QuestionKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            q.keyPath("kind"),
            "'" + kindText + "' is not a question kind; use csat, nps, ces or overall");
      }
    }
    if (kind == QuestionKind.CSAT && tp == null) {
      problems.add(
          q.keyPath("touchpoint"),
          "a csat question rates a touchpoint; name it with touchpoint: <id>");
      ok = false;
    }
    List<Double> scale = q.numberList("scale");
    if (scale.size() != 2) {
      problems.add(q.keyPath("scale"), "must be [min, max], e.g. scale: [1, 5]");
      return null;
    }
    double min = scale.get(0);
    double max = scale.get(1);
    if (!(min < max)) {
      problems.add(
          q.keyPath("scale"), "min must be below max, got [" + fmt(min) + ", " + fmt(max) + "]");
      return null;
    }
    if (kind == QuestionKind.NPS && (min != 0 || max != 10)) {
      problems.add(
          q.keyPath("scale"),
          "an nps question is on [0, 10], got [" + fmt(min) + ", " + fmt(max) + "]");
      return null;
    }
    return ok && kind != null ? new Question(id, tp, kind, min, max) : null;
  }

  private static Outcomes outcomes(
      ConfigNode o, Map<String, Question> questions, Problems problems) {
    String sat = declared(o, "satisfaction", questions, problems);
    String rec = declared(o, "recommend", questions, problems);
    String eff = declared(o, "effort", questions, problems);
    if (sat == null && rec == null && !o.has("satisfaction") && !o.has("recommend")) {
      problems.add(
          "outcomes",
          "must name at least one of satisfaction (e.g. satisfaction: q_overall) and recommend (e.g. recommend: q_nps)");
    }
    if (rec != null && questions.get(rec).kind() != QuestionKind.NPS) {
      problems.add("outcomes.recommend", "'" + rec + "' must be a question of kind nps");
    }
    return new Outcomes(sat, rec, eff);
  }

  private static String declared(
      ConfigNode o, String key, Map<String, Question> questions, Problems problems) {
    String q = o.string(key, null);
    if (q != null && !questions.containsKey(q)) {
      problems.add(
          o.keyPath(key),
          "'"
              + q
              + "' is not a declared question; declare it under questions"
              + hint(q, questions.keySet()));
      return null;
    }
    return q;
  }

  private static ChurnRule churn(ConfigNode c, Problems problems) {
    int horizon = c.integer("horizon_days", 90);
    List<String> events = lower(c.stringList("events"));
    boolean hasInactive = c.has("inactive_days");
    int inactive = c.integer("inactive_days", 0);
    List<String> activity = lower(c.stringList("activity_events"));
    problems.check(horizon > 0, c.keyPath("horizon_days"), "must be at least 1 day");
    problems.check(
        !events.isEmpty() || hasInactive,
        c.path(),
        "must define churn by events (events: [account_closed]) and/or inactivity (inactive_days: 60)");
    if (hasInactive) {
      problems.check(inactive > 0, c.keyPath("inactive_days"), "must be at least 1 day");
      problems.check(
          !activity.isEmpty(),
          c.keyPath("activity_events"),
          "must list the events that count as activity, e.g. [app_open, order_placed]");
      problems.check(
          horizon >= inactive,
          c.keyPath("horizon_days"),
          "the churn horizon ("
              + horizon
              + ") must be at least inactive_days ("
              + inactive
              + "); raise horizon_days or lower inactive_days");
    }
    return new ChurnRule(horizon, events, hasInactive ? inactive : 0, activity);
  }

  /** Event types are matched case-insensitively: ingest lower-cases them too. */
  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
  }

  private static String safeId(ConfigNode node, String key, Problems problems) {
    String id = node.requiredString(key, "give it an id such as " + exampleId(key));
    if (id != null && !id.matches(SAFE_ID)) {
      problems.add(node.keyPath(key), badId(id));
      return null;
    }
    return id;
  }

  private static String exampleId(String key) {
    return key.equals("journey") ? "online_retail" : "checkout";
  }

  static String badId(String id) {
    return "'"
        + id
        + "' is not a valid id: use lower-case letters, digits and _, starting with a letter,"
        + " at most 63 characters (e.g. '"
        + suggestId(id)
        + "'), because ids become column names";
  }

  private static String suggestId(String id) {
    String s =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "");
    if (s.isEmpty()) {
      s = "id_" + Math.abs(id.hashCode());
    }
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  private static Set<String> touchpointIds(Map<String, String> elementIds) {
    Set<String> out = new HashSet<>();
    elementIds.forEach(
        (k, v) -> {
          if (v.equals("touchpoint")) {
            out.add(k);
          }
        });
    return out;
  }

  private static String hint(String word, Set<String> known) {
    String c = io.cx.common.config.DidYouMean.closest(word, known);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
