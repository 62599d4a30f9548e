package io.cx.jobs.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.contract.Cols;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobContext;
import io.cx.common.job.JobResult;
import io.cx.common.job.JobRunner;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.generate.GeneratedData;
import io.cx.jobs.generate.Generator;
import io.cx.jobs.generate.GeneratorOptions;
import io.cx.jobs.generate.Truth;
import io.cx.jobs.ingest.IngestJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On `cx generate` data, ingested and then run through the kpis job with the default settings, the
 * KPI drop the generator planted (truth.json kpi_drop: one touchpoint, one ISO week) alerts in that
 * week, and nothing else alerts at the journey-wide cut of that week.
 */
class KpiGeneratedDataTest {
  private static final Logger LOG = LoggerFactory.getLogger(KpiGeneratedDataTest.class);
  static final LocalDate END = GeneratorOptions.DEFAULT_END_DATE;

  @Test
  void theGeneratorsPlantedDropAlertsInItsWeek(@TempDir Path dir) {
    GeneratedData data =
        Generator.generate(GeneratorOptions.defaults(dir.resolve("in")).withCustomers(800));
    Truth.KpiDrop drop = Truth.read(data.truth()).kpiDrop();
    String wh = dir.resolve("wh").toString();
    // Events are not needed by the KPIs: leave them out to keep the test short.
    JobConfig cfg =
        JobConfigLoader.load(
            data.config(),
            List.of(
                "warehouse=" + wh,
                "inputs.events.path=" + dir.resolve("no-events") + "/*.csv",
                "kpis.recompute=full"),
            Map.of());
    JobResult ingest = JobRunner.run(new IngestJob(), JobContext.of(SharedSpark.get(), cfg, END));
    assertEquals(0, ingest.exitCode(), ingest.error());
    JobResult kpis = JobRunner.run(new KpisJob(), JobContext.of(SharedSpark.get(), cfg, END));
    assertEquals(0, kpis.exitCode(), kpis.error());
    LOG.info("planted: {}; kpis: {}", drop, kpis.message());

    List<Row> week =
        new TableIO(SharedSpark.get(), wh)
            .read(Tables.TOUCHPOINT_KPIS)
            .where(
                "period_grain = 'week' AND period_start = DATE'"
                    + drop.weekStart()
                    + "' AND segment = 'ALL' AND channel = 'ALL'")
            .collectAsList();
    String stage = cfg.journeys().get(0).stageOfTouchpoint(drop.touchpoint()).orElseThrow().id();
    Row dropped = null;
    for (Row r : week) {
      boolean cell =
          r.getAs(Cols.STAGE).equals(stage) && r.getAs(Cols.TOUCHPOINT).equals(drop.touchpoint());
      if (cell && r.getAs(Cols.METRIC).equals("csat")) {
        dropped = r;
      }
      if (r.<Boolean>getAs(Cols.ALERT)) {
        // Only the dropped touchpoint (and its stage, which pools it) may alert that week.
        assertEquals(stage, r.getAs(Cols.STAGE), "alert on " + r);
      }
    }
    assertTrue(
        dropped != null, "no csat row of " + drop.touchpoint() + " in week " + drop.weekStart());
    LOG.info("week {} {}: {}", drop.weekStart(), drop.touchpoint(), dropped);
    assertTrue(dropped.<Boolean>getAs(Cols.ALERT), "the planted drop alerts: " + dropped);
    assertTrue(dropped.<Double>getAs(Cols.VALUE) < dropped.<Double>getAs(Cols.NORM));
    assertTrue(dropped.<Double>getAs(Cols.Q_VALUE) <= 0.05);
  }
}
