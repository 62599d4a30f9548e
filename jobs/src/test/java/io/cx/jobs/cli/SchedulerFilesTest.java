package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler examples under conf/schedulers: the Airflow DAG has one task per job of the
 * pipeline, in order, and maps exit codes to retry, fail or skip (its Python test, run when python3
 * is installed); the cron wrapper retries exit 1 only.
 */
class SchedulerFilesTest {
  static Path schedulers() {
    Path p = Path.of("").toAbsolutePath();
    Path root = Files.exists(p.resolve("conf")) ? p : p.getParent();
    return root.resolve("conf/schedulers");
  }

  record Result(int code, String output) {}

  static Result exec(Path dir, List<String> command, String... env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not end: " + out);
    }
    return new Result(p.exitValue(), out);
  }

  static boolean available(String program) {
    try {
      return exec(Path.of("."), List.of(program, "--version")).code() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void theDagRunsTheJobsOfThePipelineInOrder() throws IOException {
    String dag = Files.readString(schedulers().resolve("cx_nightly.py"));
    Matcher m = Pattern.compile("(?m)^JOBS = \\[(.*)\\]$").matcher(dag);
    assertEquals(true, m.find(), "no JOBS = [...] line in cx_nightly.py");
    List<String> jobs =
        Arrays.stream(m.group(1).split(",")).map(s -> s.trim().replace("\"", "")).toList();
    assertEquals(Jobs.names(), jobs);
  }

  @Test
  void theDagMapsExitCodesToRetryFailOrSkip() throws Exception {
    assumeTrue(available("python3"), "python3 is not installed");
    Result r =
        exec(
            schedulers(),
            List.of("python3", "-B", "test_cx_nightly.py"),
            "PYTHONDONTWRITEBYTECODE",
            "1");
    assertEquals(0, r.code(), r.output());
  }

  /** A stand-in for cx that logs its arguments and exits with the next code of a list. */
  private static Path fakeCx(Path dir, int... codes) throws IOException {
    StringBuilder script = new StringBuilder("#!/usr/bin/env bash\n");
    script.append("echo \"$*\" >> ").append(dir.resolve("calls")).append('\n');
    script.append("n=$(wc -l < ").append(dir.resolve("calls")).append(")\n");
    script.append("codes=(");
    for (int c : codes) {
      script.append(c).append(' ');
    }
    script.append(")\nexit ${codes[$((n - 1))]}\n");
    Path cx = dir.resolve("cx");
    Files.writeString(cx, script.toString());
    cx.toFile().setExecutable(true);
    return cx;
  }

  private static Result nightly(Path dir, Path cx) throws Exception {
    return exec(
        dir,
        List.of("bash", schedulers().resolve("cx-nightly.sh").toString()),
        "CX_COMMAND",
        cx.toString(),
        "CX_CONFIG",
        "/etc/cx.yaml",
        "CX_RETRIES",
        "2",
        "CX_RETRY_DELAY",
        "0",
        "CX_CATCH_UP_DAYS",
        "3");
  }

  @Test
  void theCronWrapperRetriesExitOneOnlyAndEndsWithCxsCode(@TempDir Path dir) throws Exception {
    assumeTrue(available("bash"), "bash is not installed");
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    String args =
        "run --config /etc/cx.yaml --from " + yesterday.minusDays(2) + " --to " + yesterday;

    Path retried = Files.createDirectory(dir.resolve("retried"));
    Result ok = nightly(retried, fakeCx(retried, 1, 1, 0));
    assertEquals(0, ok.code(), ok.output());
    assertEquals(List.of(args, args, args), Files.readAllLines(retried.resolve("calls")));

    Path gaveUp = Files.createDirectory(dir.resolve("gave-up"));
    Result one = nightly(gaveUp, fakeCx(gaveUp, 1, 1, 1, 0));
    assertEquals(1, one.code(), one.output());
    assertEquals(3, Files.readAllLines(gaveUp.resolve("calls")).size(), "1 attempt + 2 retries");

    for (int code : new int[] {2, 3, 4}) {
      Path d = Files.createDirectory(dir.resolve("exit-" + code));
      Result r = nightly(d, fakeCx(d, code, 0));
      assertEquals(code, r.code(), r.output());
      assertEquals(1, Files.readAllLines(d.resolve("calls")).size(), "no retry of exit " + code);
    }
  }
}
