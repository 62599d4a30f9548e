package io.cx.common.contract;

/**
 * The names of the jobs (data contract, section 5: the CLI's subcommands and run_log's {@code job}
 * column), defined once so that a job that reads another's table can name the job to run without
 * depending on its code.
 */
public final class JobNames {
  public static final String INGEST = "ingest";
  public static final String FUSE = "fuse";
  public static final String DRIVERS = "drivers";
  public static final String CHURN = "churn";
  public static final String KPIS = "kpis";
  public static final String REPORT = "report";

  private JobNames() {}
}
