package io.cx.jobs.report;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.JobNames;
import io.cx.common.job.Job;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobOutcome;
import io.cx.common.journey.JourneyMap;
import io.cx.common.spark.Steps;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cx report}: per journey, one self-contained HTML page for the run date under {@code
 * <warehouse>/reports/<journey>/<run_date>/index.html}, from the output tables of the other jobs
 * ({@link ReportTables}); {@link ReportBuilder} decides what each section shows, {@link ReportPage}
 * renders it, {@link ReportFiles} writes it. Running the date again replaces the page. rows_read
 * counts nothing (the tables are only summarised); rows_written counts the pages.
 */
public final class ReportJob implements Job {
  public static final String NAME = JobNames.REPORT;
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    JobConfig cfg = ctx.config();
    JobOutcome outcome = new JobOutcome();
    boolean pseudonymised = cfg.privacy().pseudonymiseIds();
    try (Steps steps = Steps.of(ctx.spark(), NAME)) {
      steps.start("read the output tables");
      ReportTables tables = ReportTables.read(ctx.tables());
      for (JourneyMap journey : cfg.journeys()) {
        steps.start("summarise the tables of journey " + journey.id());
        Report report = ReportBuilder.build(tables, journey, ctx.runDate(), pseudonymised);
        String html = ReportPage.render(report);
        String path = ReportFiles.path(cfg.warehouse(), journey.id(), ctx.runDate());
        steps.start("write " + path);
        long bytes = ReportFiles.write(ctx.spark().sessionState().newHadoopConf(), path, html);
        outcome.written(1);
        String note =
            String.format(
                Locale.ROOT, "report %s: %s (%,d KiB).", journey.id(), path, bytes / 1024);
        LOG.info(note);
        outcome.note(note);
      }
    }
    return outcome;
  }
}
