package io.cx.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the nbformat 4 schema (v4.5) a notebook of notebooks/ must follow, checked on its
 * JSON: the top-level keys, the kernelspec, and per cell its type, id, metadata, source, and for
 * code cells outputs and execution_count. cx also wants them committed without outputs (no customer
 * data in git, no stale numbers).
 */
final class NotebookFormat {
  static final Set<String> TOP = Set.of("cells", "metadata", "nbformat", "nbformat_minor");
  static final Set<String> MARKDOWN =
      Set.of("id", "cell_type", "metadata", "source", "attachments");
  static final Set<String> CODE =
      Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count");
  static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private NotebookFormat() {}

  /** Every rule the notebook breaks, each naming the notebook (and the cell); empty when valid. */
  static List<String> problems(String name, JsonNode nb) {
    List<String> out = new ArrayList<>();
    if (!nb.isObject()) {
      out.add(name + ": not a JSON object");
      return out;
    }
    Set<String> keys = new HashSet<>();
    nb.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(TOP)) {
      out.add(name + ": top-level keys must be " + TOP + ", are " + keys);
    }
    if (nb.path("nbformat").asInt(-1) != 4) {
      out.add(name + ": nbformat must be 4, is " + nb.get("nbformat"));
    }
    if (!nb.path("nbformat_minor").isInt() || nb.path("nbformat_minor").asInt() < 5) {
      out.add(
          name
              + ": nbformat_minor must be an integer >= 5 (cell ids), is "
              + nb.get("nbformat_minor"));
    }
    JsonNode kernel = nb.path("metadata").path("kernelspec");
    if (!kernel.path("name").isTextual() || !kernel.path("display_name").isTextual()) {
      out.add(name + ": metadata.kernelspec needs name and display_name");
    }
    if (!nb.path("metadata").path("language_info").path("name").isTextual()) {
      out.add(name + ": metadata.language_info.name is missing");
    }
    JsonNode cells = nb.path("cells");
    if (!cells.isArray() || cells.isEmpty()) {
      out.add(name + ": cells must be a non-empty array");
      return out;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < cells.size(); i++) {
      String where = name + ", cell " + (i + 1) + ": ";
      JsonNode cell = cells.get(i);
      String type = cell.path("cell_type").asText();
      Set<String> allowed = type.equals("code") ? CODE : type.equals("markdown") ? MARKDOWN : null;
      if (allowed == null) {
        out.add(where + "cell_type must be code or markdown, is " + cell.get("cell_type"));
        continue;
      }
      cell.fieldNames()
          .forEachRemaining(
              k -> {
                if (!allowed.contains(k)) {
                  out.add(where + "a " + type + " cell has no key " + k);
                }
              });
      String id = cell.path("id").asText("");
      if (!CELL_ID.matcher(id).matches() || !ids.add(id)) {
        out.add(where + "id must be unique, 1-64 of [a-zA-Z0-9_-], is '" + id + "'");
      }
      if (!cell.path("metadata").isObject()) {
        out.add(where + "metadata must be an object");
      }
      JsonNode source = cell.path("source");
      boolean lines = source.isArray();
      if (lines) {
        for (JsonNode line : source) {
          lines &= line.isTextual();
        }
      }
      if (!source.isTextual() && !lines) {
        out.add(where + "source must be a string or an array of strings");
      }
      if (type.equals("code")) {
        if (!cell.path("outputs").isArray() || !cell.path("outputs").isEmpty()) {
          out.add(where + "outputs must be an empty array (commit notebooks without outputs)");
        }
        if (!cell.has("execution_count") || !cell.get("execution_count").isNull()) {
          out.add(where + "execution_count must be null (commit notebooks without outputs)");
        }
      }
    }
    return out;
  }
}
