package io.cx.jobs.cli;

import io.cx.common.job.Job;
import io.cx.jobs.churn.ChurnJob;
import io.cx.jobs.drivers.DriversJob;
import io.cx.jobs.fuse.FuseJob;
import io.cx.jobs.ingest.IngestJob;
import io.cx.jobs.kpis.KpisJob;
import io.cx.jobs.report.ReportJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The jobs of the nightly pipeline, in the order `cx run` runs them. */
final class Jobs {
  private static final Map<String, Supplier<Job>> PIPELINE = new LinkedHashMap<>();

  static {
    PIPELINE.put(IngestJob.NAME, IngestJob::new);
    PIPELINE.put(FuseJob.NAME, FuseJob::new);
    PIPELINE.put(DriversJob.NAME, DriversJob::new);
    PIPELINE.put(ChurnJob.NAME, ChurnJob::new);
    PIPELINE.put(KpisJob.NAME, KpisJob::new);
    PIPELINE.put(ReportJob.NAME, ReportJob::new);
  }

  private Jobs() {}

  static List<String> names() {
    return List.copyOf(PIPELINE.keySet());
  }

  static Job create(String name) {
    Supplier<Job> s = PIPELINE.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no job " + name);
    }
    return s.get();
  }
}
