package io.cx.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every job command takes: the config, the logical date and overrides. */
public final class JobOptions {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Job config (YAML).")
  Path config;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Logical date of the run, as the scheduler passes it.")
  LocalDate date;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set quality.max_reject_rate=0.1 (repeatable).")
  List<String> sets = new ArrayList<>();
}
