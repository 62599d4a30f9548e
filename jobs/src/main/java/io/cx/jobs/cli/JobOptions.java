package io.cx.jobs.cli;

import io.cx.common.config.JobConfig;
import java.time.LocalDate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every job command takes: the config and its overrides, and the logical date. */
public final class JobOptions {
  @Mixin ConfigOptions config;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Logical date of the run, as the scheduler passes it.")
  LocalDate date;

  JobConfig load() {
    return config.load();
  }
}
