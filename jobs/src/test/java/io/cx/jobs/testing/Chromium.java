package io.cx.jobs.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium run from the command line (stack notes, section 6): the DOM after the
 * page's scripts ran, with the console on stderr, or a screenshot. No network: the flags turn off
 * every background connection, and pages are opened from files.
 */
public final class Chromium {
  /** The browser; {@code CX_CHROMIUM} overrides. */
  static final Path BINARY =
      Path.of(System.getenv().getOrDefault("CX_CHROMIUM", "/usr/bin/chromium"));

  private static final long TIMEOUT_SECONDS = 90;

  private final Path profile;

  /** What the browser printed: the DOM (or nothing, for a screenshot) and its log. */
  public record Output(String stdout, String stderr) {
    /** Console lines (console.log/error and uncaught exceptions) from the log. */
    public List<String> consoleLines() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  private Chromium(Path profile) {
    this.profile = profile;
  }

  /**
   * A browser with a fresh profile under {@code dir}. Skips the test when Chromium is not
   * installed, unless {@code CI=true}: there a missing browser fails the test ({@code .ci/run}
   * installs it).
   */
  public static Chromium require(Path dir) {
    boolean present = Files.isExecutable(BINARY);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(BINARY + " is missing on CI: .ci/run installs Debian's chromium; install it there.");
    }
    assumeTrue(
        present,
        BINARY
            + " is not installed: browser test skipped (apt-get install chromium; CI=true makes"
            + " this a failure).");
    return new Chromium(dir.resolve("chromium-profile"));
  }

  private List<String> command(int width, int height) {
    return new ArrayList<>(
        List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height,
            "--virtual-time-budget=5000"));
  }

  /** The page's DOM after its scripts ran, and the console on stderr. */
  public Output dumpDom(Path page, int width, int height) {
    List<String> cmd = command(width, height);
    cmd.addAll(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()));
    return run(cmd);
  }

  /** A PNG of the page at this window size. */
  public Output screenshot(Path page, Path png, int width, int height) {
    List<String> cmd = command(width, height);
    cmd.addAll(List.of("--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
    Output out = run(cmd);
    if (!Files.isRegularFile(png)) {
      fail("no screenshot at " + png + ": " + out.stderr());
    }
    return out;
  }

  private static Output run(List<String> cmd) {
    try {
      Path err = Files.createTempFile("chromium-", ".log");
      try {
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("chromium did not end in " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
        }
        return new Output(
            new String(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
