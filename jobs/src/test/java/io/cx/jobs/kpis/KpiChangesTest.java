package io.cx.jobs.kpis;

import static io.cx.jobs.kpis.KpiFixtures.Answer.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.JobConfig;
import io.cx.common.contract.Tables;
import io.cx.common.job.JobResult;
import io.cx.common.spark.TableIO;
import io.cx.common.testing.SharedSpark;
import io.cx.jobs.kpis.KpiFixtures.Answer;
import io.cx.jobs.testing.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an incremental run cannot know what changed since the journey's last successful run, it
 * computes every period up to its date and says why, one message per reason.
 */
class KpiChangesTest {
  static final LocalDate D3 = LocalDate.of(2024, 5, 3);
  static final LocalDate D5 = LocalDate.of(2024, 5, 5);
  static final LocalDate D6 = LocalDate.of(2024, 5, 6);

  /** Two overall answers a day, each ingested on its day. */
  static List<Answer> days(int from, int to) {
    List<Answer> out = new ArrayList<>();
    for (int d = from; d <= to; d++) {
      String day = String.format("2024-05-%02d", d);
      out.add(of("r" + d + "a", "c1", day + "T09:00:00Z", "q_overall", 4, "app"));
      out.add(of("r" + d + "b", "c2", day + "T15:00:00Z", "q_overall", 2, "web"));
    }
    return out;
  }

  static void ingest(TableIO io, List<Answer> answers, LocalDate date) {
    io.replace(
        Tables.SURVEY_ANSWERS,
        KpiFixtures.answers(KpiFixtures.journey("UTC"), answers),
        TableIO.Scope.journeys(date, List.of("kpi")));
  }

  static String everyPeriod(JobResult r) {
    String m = r.message();
    return m.substring(0, m.indexOf(". ") + 1);
  }

  @Test
  void eachReasonToComputeEverythingIsNamed(@TempDir Path dir) throws IOException {
    Workspace ws = new Workspace(dir);
    ws.write("journey.yaml", KpiFixtures.journeyYaml("UTC"));
    ws.configLine("kpis: {min_n: 1}");
    TableIO io = new TableIO(SharedSpark.get(), ws.warehouse());
    for (int d = 1; d <= 5; d++) {
      ingest(io, days(d, d), LocalDate.of(2024, 5, d));
    }
    JobConfig dayAndMonth = ws.load("kpis.grains=[day, month]");
    JobConfig all = ws.load();

    KpisJobTest.kpis(dayAndMonth, D5);
    assertEquals(
        "every period up to 2024-05-05 computed for kpi: touchpoint_kpis has no week rows of the"
            + " journey.",
        everyPeriod(KpisJobTest.kpis(all, D5)));
    assertEquals(
        "every period up to 2024-05-03 computed for kpi: its last successful kpis run was for"
            + " 2024-05-05, after 2024-05-03 (later periods are left as they are).",
        everyPeriod(KpisJobTest.kpis(all, D3)));

    // Days 4 and 5 were computed as of 5 May; the run of 3 May left them so: they are recomputed
    // with the new 6 May, and the week that has ended since.
    ingest(io, days(6, 6), D6);
    JobResult nightly = KpisJobTest.kpis(all, D6);
    assertTrue(
        nightly
            .message()
            .startsWith(
                "kpi: answers of 3 days changed since survey_answers version 4 (read by the kpis"
                    + " run of 2024-05-03). touchpoint_kpis for days 2024-05-04, 2024-05-05,"
                    + " 2024-05-06; weeks 2024-04-29, 2024-05-06; month 2024-05-01: "),
        nightly.message());

    // survey_answers rebuilt: version 0 again, before the version 5 the last run read.
    FileUtils.deleteDirectory(dir.resolve("warehouse/survey_answers").toFile());
    ingest(io, days(1, 6), D6);
    assertEquals(
        "every period up to 2024-05-06 computed for kpi: survey_answers is at version 0, before"
            + " version 5 read by its last successful kpis run.",
        everyPeriod(KpisJobTest.kpis(all, D6)));

    FileUtils.deleteDirectory(dir.resolve("warehouse/run_log").toFile());
    assertEquals(
        "every period up to 2024-05-06 computed for kpi: no successful kpis run of the journey in"
            + " run_log.",
        everyPeriod(KpisJobTest.kpis(all, D6)));
  }
}
