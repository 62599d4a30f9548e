package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of commands that read the config but need no date. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Job config (YAML).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key (repeatable).")
  List<String> sets = new ArrayList<>();

  JobConfig load() {
    return JobConfigLoader.load(config, sets);
  }
}
