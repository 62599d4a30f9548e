package io.cx.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads YAML files into Jackson trees; a parse error becomes a problem with its line. */
public final class YamlFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private YamlFiles() {}

  public static ObjectMapper mapper() {
    return YAML;
  }

  /** The file's tree, or a missing node after recording why it could not be read. */
  public static JsonNode read(Path file, Problems problems) {
    if (!Files.isRegularFile(file)) {
      problems.add("(file)", "not found; check the path (relative paths start at " + cwd() + ")");
      return MissingNode.getInstance();
    }
    try {
      String text = Files.readString(file);
      return parse(text, problems);
    } catch (IOException e) {
      problems.add("(file)", "cannot be read: " + e.getMessage());
      return MissingNode.getInstance();
    }
  }

  /** Parses YAML text; an empty document is an empty mapping. */
  public static JsonNode parse(String text, Problems problems) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null || node.isMissingNode() ? YAML.createObjectNode() : node;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? "(yaml)"
              : "(line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      problems.add(where, "is not valid YAML: " + e.getOriginalMessage());
      return MissingNode.getInstance();
    }
  }

  private static String cwd() {
    return Path.of("").toAbsolutePath().toString();
  }
}
