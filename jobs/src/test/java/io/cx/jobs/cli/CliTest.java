package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.testing.SharedSpark;
import io.cx.jobs.ingest.IngestJobTest;
import io.cx.jobs.testing.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and output, through the real entry point (without exiting). */
class CliTest {
  record Run(int code, String out, String err) {}

  static Run cx(String... args) {
    SharedSpark.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cx.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void ingestSucceedsWithExitZeroAndPrintsWhatItDid(@TempDir Path dir) {
    Workspace ws = IngestJobTest.workspace(dir);
    Run r = cx("ingest", "--config", ws.config().toString(), "--date", "2024-06-30");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("cx ingest 2024-06-30: succeeded in "), r.out());
    assertTrue(r.out().contains("(read 27, written 19, rejected 19)"), r.out());
  }

  @Test
  void aFailedQualityGateExitsWithThree(@TempDir Path dir) {
    Workspace ws = IngestJobTest.workspace(dir);
    Run r =
        cx(
            "run",
            "--config",
            ws.config().toString(),
            "--date",
            "2024-06-30",
            "--set",
            "quality.max_reject_rate=0.05");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("rejected_input"), r.err());
  }

  @Test
  void noInputForTheDateExitsWithFour(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.configLine("inputs:");
    ws.configLine("  surveys: {path: \"" + dir + "/s/{date}/*.csv\"}");
    ws.configLine("  events: {path: \"" + dir + "/e/{date}/*.csv\"}");
    Run r = cx("ingest", "--config", ws.config().toString(), "--date", "2024-06-30");
    assertEquals(4, r.code());
    assertTrue(
        r.err()
            .contains(
                "no input for 2024-06-30: nothing matches "
                    + dir
                    + "/s/2024-06-30/*.csv nor "
                    + dir
                    + "/e/2024-06-30/*.csv"),
        r.err());
  }

  @Test
  void aBadConfigExitsWithTwoAndNamesFileKeyAndFix(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    ws.configLine("qualty: {max_reject_rate: 0.1}");
    Path config = ws.config();
    Run r = cx("ingest", "--config", config.toString(), "--date", "2024-06-30");
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains(config + ": qualty: unknown key; did you mean 'quality'?"), r.err());
  }

  @Test
  void aBadDateOrUnknownJobIsAUsageErrorWithTwo(@TempDir Path dir) {
    Workspace ws = new Workspace(dir);
    String config = ws.config().toString();
    assertEquals(2, cx("ingest", "--config", config, "--date", "2024-13-01").code());
    Run r = cx("run", "--config", config, "--date", "2024-06-30", "--jobs", "ingets");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("ingets: is not a job; did you mean 'ingest'?"), r.err());
  }

  @Test
  void validatePrintsASummaryOrEveryProblem(@TempDir Path dir) throws Exception {
    Workspace ws = new Workspace(dir);
    Run ok = cx("validate", "--config", ws.config().toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("journey shop"), ok.out());
    assertTrue(ok.out().contains("2 stages, 2 touchpoints, 2 metrics, 4 questions"), ok.out());

    ws.write(
        "journey.yaml",
        Workspace.JOURNEY
            .replace("scale: [0, 10]", "scale: [10, 0]")
            .replace("agg: max", "agg: median"));
    Run bad =
        cx("validate", "--config", ws.config().toString(), "--set", "quality.max_reject_rate=2");
    assertEquals(2, bad.code());
    String journey = dir.resolve("journey.yaml").toString();
    assertTrue(
        bad.err().contains("quality.max_reject_rate: must be a share between 0 and 1"), bad.err());
    assertTrue(
        bad.err().contains(journey + ": stages[1].metrics[0].agg: 'median' is not an aggregation"),
        bad.err());
    assertTrue(
        bad.err().contains(journey + ": questions.q_nps.scale: min must be below max, got [10, 0]"),
        bad.err());
    assertTrue(Files.exists(dir.resolve("journey.yaml")));
  }

  @Test
  void exportWritesOneFileOfOneDate(@TempDir Path dir) throws Exception {
    Workspace ws = IngestJobTest.workspace(dir);
    String config = ws.config().toString();
    assertEquals(0, cx("ingest", "--config", config, "--date", "2024-06-30").code());
    Path out = dir.resolve("exports/rejects.csv");
    Files.createDirectories(out.getParent());
    Run r =
        cx(
            "export",
            "--config",
            config,
            "--table",
            "rejected_records",
            "--out",
            out.toString(),
            "--date",
            "2024-06-30");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("source,journey,reason,detail,raw,job,run_id,run_date", lines.get(0));
    assertEquals(
        1 + 19,
        lines.stream().filter(l -> l.matches("^(surveys|events|customers),.*")).count() + 1);
    assertEquals(
        0,
        cx(
                "export",
                "--config",
                config,
                "--table",
                "run_log",
                "--out",
                dir.resolve("log.json").toString())
            .code());

    Run bad =
        cx("export", "--config", config, "--table", "rejected_record", "--out", out.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("did you mean 'rejected_records'?"), bad.err());
  }

  @Test
  void generateWritesInputsAndRefusesBadOptions(@TempDir Path dir) {
    Run r =
        cx("generate", "--out", dir.resolve("g").toString(), "--customers", "40", "--seed", "7");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("cx generate: 40 customers, "), r.out());
    assertTrue(Files.exists(dir.resolve("g/truth.json")));
    assertTrue(Files.exists(dir.resolve("g/cx.yaml")));
    Run bad = cx("generate", "--out", dir.resolve("h").toString(), "--customers", "5");
    assertEquals(2, bad.code());
    assertTrue(
        bad.err().contains("cx generate: --customers: must be between 20 and 1000000, got 5"),
        bad.err());
  }

  @Test
  void warmUpRunsEveryJobInATemporaryFolderAndDeletesIt() {
    Run r = cx("warm-up", "--customers", "40");
    assertEquals(0, r.code(), r.err());
    Matcher m =
        Pattern.compile("cx warm-up: (\\d+) jobs, exit code 0, in (.+) \\(deleted\\)")
            .matcher(r.out().trim());
    assertTrue(m.matches(), r.out());
    assertEquals(Jobs.names().size(), Integer.parseInt(m.group(1)));
    assertTrue(Files.notExists(Path.of(m.group(2))), m.group(2));
  }

  @Test
  void demoRunsThePipelineOnGeneratedDataAndSaysWhereTheTablesAre(@TempDir Path dir) {
    Run r = cx("demo", "--out", dir.resolve("demo").toString(), "--customers", "60");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cx demo: tables under " + dir.resolve("demo/warehouse")), r.out());
    for (String job : Jobs.names()) {
      assertTrue(r.out().contains("cx " + job + " 2024-06-30: succeeded"), r.out());
    }
    assertTrue(r.out().contains("survey_answers"), r.out());
    // 60 customers are too few to estimate drivers or train a churn model: the story says so
    // (DemoStoryTest checks the numbers it tells on a larger warehouse).
    assertTrue(
        r.out().contains("What the demo found for journey online_retail (2024-06-30):"), r.out());
    assertTrue(r.out().contains("  Drivers of satisfaction: not estimated"), r.out());
    assertTrue(r.out().contains("  Churn model: none (too_few_churners: "), r.out());
  }
}
