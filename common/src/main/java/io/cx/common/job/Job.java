package io.cx.common.job;

/**
 * A cx job. {@code run} reads its tables, calls its pure transform, writes, and reports what it
 * did; the {@link JobRunner} times it, logs it and writes its run_log row, also on failure.
 */
public interface Job {
  /** The job's name, as on the command line: ingest, fuse, drivers, ... */
  String name();

  JobOutcome run(JobContext context);
}
