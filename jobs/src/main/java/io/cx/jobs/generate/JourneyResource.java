package io.cx.jobs.generate;

import io.cx.common.config.Problems;
import io.cx.common.config.YamlFiles;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The journey map the generator plants its truth in: the shipped {@code online_retail} map, read
 * from the classpath (the build copies {@code conf/journeys/} there), so that the jar works
 * anywhere. Its text is written unchanged next to the data.
 */
final class JourneyResource {
  static final String PATH = "io/cx/journeys/online_retail.yaml";

  private JourneyResource() {}

  static String text() {
    try (InputStream in = JourneyResource.class.getClassLoader().getResourceAsStream(PATH)) {
      if (in == null) {
        throw new IllegalStateException(
            "The journey map " + PATH + " is not on the classpath; rebuild the jobs module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + PATH + ": " + e.getMessage(), e);
    }
  }

  /** Parses and validates the text; throws a BadConfigException naming every problem. */
  static JourneyMap load(String text) {
    Problems problems = new Problems(PATH);
    JourneyMap map = JourneyMapLoader.fromTree(YamlFiles.parse(text, problems), PATH, problems);
    problems.throwIfAny();
    PlantedModel.checkFits(map);
    return map;
  }
}
