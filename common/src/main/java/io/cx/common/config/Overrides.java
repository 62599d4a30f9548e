package io.cx.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies {@code --set key=value} overrides to a config tree before it is read. The key is a dotted
 * path ({@code quality.max_reject_rate}, {@code inputs.surveys.path}); the value is read as YAML,
 * so {@code 0.1}, {@code true} and {@code [a, b]} get their types. Missing sections are created;
 * the result is validated like the file itself.
 */
public final class Overrides {
  private Overrides() {}

  public static void apply(ObjectNode root, List<String> sets, Problems problems) {
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        problems.add("--set " + set, "must look like key=value, e.g. quality.max_reject_rate=0.1");
        continue;
      }
      String key = set.substring(0, eq).trim();
      String text = set.substring(eq + 1);
      JsonNode value = text.isEmpty() ? root.nullNode() : YamlFiles.parse(text, problems);
      String[] parts = key.split("\\.");
      ObjectNode node = root;
      boolean ok = true;
      for (int i = 0; i < parts.length - 1 && ok; i++) {
        JsonNode next = node.get(parts[i]);
        if (next == null || next.isNull()) {
          node = node.putObject(parts[i]);
        } else if (next.isObject()) {
          node = (ObjectNode) next;
        } else {
          problems.add("--set " + key, "'" + parts[i] + "' is a single value, not a section");
          ok = false;
        }
      }
      if (ok) {
        node.set(parts[parts.length - 1], value);
      }
    }
  }
}
