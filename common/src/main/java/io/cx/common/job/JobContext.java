package io.cx.common.job;

import io.cx.common.config.JobConfig;
import io.cx.common.spark.TableIO;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a job's {@code run} needs: the session, the validated config, the logical date and the
 * table I/O.
 */
public record JobContext(
    SparkSession spark, JobConfig config, LocalDate runDate, String runId, TableIO tables) {

  public static JobContext of(SparkSession spark, JobConfig config, LocalDate runDate) {
    return new JobContext(
        spark, config, runDate, java.util.UUID.randomUUID().toString(), new TableIO(spark, config));
  }

  /**
   * The same context with a fresh run id, for the next job of a pipeline ({@link JobRunner} starts
   * each job with a fresh record of the tables it reads).
   */
  public JobContext nextRun() {
    return new JobContext(spark, config, runDate, java.util.UUID.randomUUID().toString(), tables);
  }
}
