package io.cx.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping read key by key. Every getter records the key it asked for, so that {@link
 * #reportUnknownKeys()} can name each key nobody asked for, with a did-you-mean hint. Problems go
 * to the shared {@link Problems} sink, so a whole file is checked in one go and every problem is
 * reported, not only the first.
 */
public final class ConfigNode {
  private final Problems problems;
  private final String path;
  private final JsonNode json;
  private final Set<String> asked = new LinkedHashSet<>();
  private final List<ConfigNode> children = new ArrayList<>();

  ConfigNode(Problems problems, String path, JsonNode json) {
    this.problems = problems;
    this.path = path;
    this.json = json == null ? MissingNode.getInstance() : json;
  }

  /** The node of a whole file. */
  public static ConfigNode root(Problems problems, JsonNode json) {
    ConfigNode node = new ConfigNode(problems, "", json);
    if (!node.json.isMissingNode() && !node.json.isNull() && !node.json.isObject()) {
      problems.add("(top level)", "must be a YAML mapping of keys to values");
    }
    return node;
  }

  public Problems problems() {
    return problems;
  }

  /** Dotted path of this node in its file; empty for the top level. */
  public String path() {
    return path;
  }

  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean isPresent() {
    return !json.isMissingNode() && !json.isNull();
  }

  public boolean has(String key) {
    asked.add(key);
    JsonNode v = json.get(key);
    return v != null && !v.isNull();
  }

  private JsonNode raw(String key) {
    asked.add(key);
    JsonNode v = json.isObject() ? json.get(key) : null;
    return v == null || v.isNull() ? null : v;
  }

  /** A required string; records a problem and returns null when absent. */
  public String requiredString(String key, String fix) {
    JsonNode v = raw(key);
    if (v == null) {
      problems.add(keyPath(key), "is required; " + fix);
      return null;
    }
    return asString(key, v);
  }

  public String string(String key, String defaultValue) {
    JsonNode v = raw(key);
    return v == null ? defaultValue : asString(key, v);
  }

  private String asString(String key, JsonNode v) {
    if (!v.isValueNode()) {
      problems.add(keyPath(key), "must be a single value, not a list or mapping");
      return null;
    }
    return v.asText();
  }

  public double number(String key, double defaultValue) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(keyPath(key), "must be a number, got '" + v.asText() + "'");
    return defaultValue;
  }

  public int integer(String key, int defaultValue) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.asInt();
    }
    if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
      return Integer.parseInt(v.asText().trim());
    }
    problems.add(keyPath(key), "must be a whole number, got '" + v.asText() + "'");
    return defaultValue;
  }

  public boolean bool(String key, boolean defaultValue) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    problems.add(keyPath(key), "must be true or false, got '" + v.asText() + "'");
    return defaultValue;
  }

  /** A list of strings; a single string is taken as a list of one. Absent gives an empty list. */
  public List<String> stringList(String key) {
    JsonNode v = raw(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      problems.add(keyPath(key), "must be a list, e.g. [a, b]");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isValueNode() && !item.isNull()) {
        out.add(item.asText());
      } else {
        problems.add(keyPath(key) + "[" + i + "]", "must be a single value");
      }
    }
    return out;
  }

  /** A list of numbers. Absent gives an empty list. */
  public List<Double> numberList(String key) {
    JsonNode v = raw(key);
    List<Double> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(keyPath(key), "must be a list of numbers, e.g. [1, 5]");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isNumber()) {
        out.add(item.asDouble());
      } else {
        problems.add(keyPath(key) + "[" + i + "]", "must be a number, got '" + item.asText() + "'");
      }
    }
    return out;
  }

  /** A nested mapping; absent gives an empty node whose getters return their defaults. */
  public ConfigNode section(String key) {
    JsonNode v = raw(key);
    if (v != null && !v.isObject()) {
      problems.add(keyPath(key), "must be a mapping of keys to values");
      v = null;
    }
    ConfigNode child = new ConfigNode(problems, keyPath(key), v);
    children.add(child);
    return child;
  }

  /** A list of mappings, e.g. the stages of a journey. */
  public List<ConfigNode> sectionList(String key) {
    JsonNode v = raw(key);
    List<ConfigNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(keyPath(key), "must be a list of mappings");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String p = keyPath(key) + "[" + i + "]";
      if (!v.get(i).isObject()) {
        problems.add(p, "must be a mapping of keys to values");
        continue;
      }
      ConfigNode child = new ConfigNode(problems, p, v.get(i));
      children.add(child);
      out.add(child);
    }
    return out;
  }

  /**
   * A mapping whose keys are names chosen by the user (e.g. question ids) and whose values are
   * mappings. The keys are accepted as they are; the values are read as nodes.
   */
  public Map<String, ConfigNode> namedSections(String key) {
    JsonNode v = raw(key);
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      problems.add(keyPath(key), "must be a mapping of names to mappings");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = keyPath(key) + "." + e.getKey();
      if (!e.getValue().isObject()) {
        problems.add(p, "must be a mapping of keys to values");
        continue;
      }
      ConfigNode child = new ConfigNode(problems, p, e.getValue());
      children.add(child);
      out.put(e.getKey(), child);
    }
    return out;
  }

  /** A mapping of names to single values, kept as strings (e.g. Spark settings). */
  public Map<String, String> stringMap(String key) {
    JsonNode v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      problems.add(keyPath(key), "must be a mapping of keys to values");
      return out;
    }
    flatten("", v, out, keyPath(key));
    return out;
  }

  private void flatten(String prefix, JsonNode v, Map<String, String> out, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        flatten(k, e.getValue(), out, where);
      } else if (e.getValue().isValueNode()) {
        out.put(k, e.getValue().asText());
      } else {
        problems.add(where + "." + k, "must be a single value");
      }
    }
  }

  /**
   * Reports every key of this node and of the sections read from it that no getter asked for, with
   * the closest known key as a hint.
   */
  public void reportUnknownKeys() {
    if (json.isObject()) {
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!asked.contains(k)) {
          String hint = DidYouMean.closest(k, asked);
          String known = String.join(", ", asked);
          problems.add(
              keyPath(k),
              "unknown key"
                  + (hint == null ? "" : "; did you mean '" + hint + "'?")
                  + (hint == null ? "." : "")
                  + (known.isEmpty() ? "" : " Known keys here: " + known + "."));
        }
      }
    }
    for (ConfigNode c : children) {
      c.reportUnknownKeys();
    }
  }
}
