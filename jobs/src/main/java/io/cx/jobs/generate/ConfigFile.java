package io.cx.jobs.generate;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The job config (data contract, section 4) that reads the generated files: absolute paths, the
 * long survey layout, a warehouse beside the data, and a reject-rate gate loose enough for the
 * planted bad rows and duplicates (at least 0.05, else twice their share).
 */
final class ConfigFile {
  private ConfigFile() {}

  static String text(Path dir, GeneratorOptions options) {
    Path abs = dir.toAbsolutePath().normalize();
    double gate =
        Math.min(1.0, Math.max(0.05, 2 * (options.badRowShare() + options.duplicateShare())));
    return "# Written by cx generate (seed "
        + options.seed()
        + ", "
        + options.customers()
        + " customers, data up to "
        + options.endDate()
        + "): reads the generated files.\n"
        + "warehouse: "
        + yaml(abs.resolve("warehouse"))
        + "\n"
        + "journeys: ["
        + yaml(abs.resolve(Generator.JOURNEY_FILE))
        + "]\n"
        + "inputs:\n"
        + "  # The same answers in the wide layout (without comments): path "
        + yaml(abs.resolve(Generator.SURVEYS_WIDE_FILE))
        + ", layout: wide\n"
        + "  surveys: {path: "
        + yaml(abs.resolve(Generator.SURVEYS_FILE))
        + ", format: csv, layout: long}\n"
        + "  events: {path: "
        + yaml(abs.resolve(Generator.EVENTS_FILE))
        + ", format: csv}\n"
        + "  customers: {path: "
        + yaml(abs.resolve(Generator.CUSTOMERS_FILE))
        + ", format: csv}\n"
        + "spark:\n"
        + "  master: local[*]\n"
        + "quality:\n"
        + "  max_reject_rate: "
        + String.format(Locale.ROOT, "%.3f", gate)
        + "\n"
        + "privacy:\n"
        + "  pseudonymise_ids: false\n"
        + "  key_env: CX_PSEUDONYM_KEY\n";
  }

  /** A double-quoted YAML string. */
  private static String yaml(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
