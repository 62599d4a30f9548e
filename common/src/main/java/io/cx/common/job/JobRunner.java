package io.cx.common.job;

import io.cx.common.error.CxException;
import io.cx.common.error.ExitCodes;
import io.cx.common.journey.JourneyMap;
import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job: sets the Spark job group and description, times it, maps a failure to its exit code
 * and status, and writes the run_log row whatever happened.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  public static JobResult run(Job job, JobContext ctx) {
    Instant started = Instant.now();
    String journeys =
        ctx.config().journeys().stream()
            .map(JourneyMap::id)
            .sorted()
            .collect(Collectors.joining(","));
    var sc = ctx.spark().sparkContext();
    sc.setJobGroup(ctx.runId(), "cx " + job.name() + " " + ctx.runDate(), false);
    LOG.info("cx {} for {} started (run {})", job.name(), ctx.runDate(), ctx.runId());
    ctx.tables().forgetReads();
    JobOutcome outcome = new JobOutcome();
    Throwable failure = null;
    try {
      outcome = job.run(ctx);
      failure = outcome.failure();
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      sc.clearJobGroup();
    }
    int exit = failure == null ? ExitCodes.SUCCEEDED : ExitCodes.of(failure);
    String status = failure == null ? ExitCodes.STATUS_SUCCEEDED : ExitCodes.statusOf(failure);
    String error = failure == null ? null : describe(failure);
    JobResult result =
        new JobResult(
            ctx.runId(),
            job.name(),
            ctx.runDate(),
            journeys,
            status,
            exit,
            started,
            Instant.now(),
            outcome.rowsRead(),
            outcome.rowsWritten(),
            outcome.rowsRejected(),
            ctx.tables().versionsRead(),
            ctx.config().configHash(),
            error,
            outcome.message(),
            ctx.tables().versionsWritten());
    try {
      RunLog.write(ctx.tables(), result);
    } catch (RuntimeException e) {
      LOG.error("cx {}: could not write the run_log row: {}", job.name(), e.toString());
      if (exit == ExitCodes.SUCCEEDED) {
        result = withFailure(result, e);
      }
    }
    if (failure != null && !(failure instanceof CxException)) {
      LOG.error("cx " + job.name() + " failed", failure);
    }
    LOG.info(
        "cx {} for {}: {} in {} ms (read {}, written {}, rejected {})",
        job.name(),
        ctx.runDate(),
        result.status(),
        result.durationMillis(),
        result.rowsRead(),
        result.rowsWritten(),
        result.rowsRejected());
    return result;
  }

  private static JobResult withFailure(JobResult r, RuntimeException e) {
    return new JobResult(
        r.runId(),
        r.job(),
        r.runDate(),
        r.journeys(),
        ExitCodes.STATUS_FAILED,
        ExitCodes.RETRYABLE,
        r.startedAt(),
        r.finishedAt(),
        r.rowsRead(),
        r.rowsWritten(),
        r.rowsRejected(),
        r.inputVersions(),
        r.configHash(),
        "run_log not written: " + describe(e),
        r.message(),
        r.outputVersions());
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    if (t instanceof CxException) {
      return msg;
    }
    return t.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
