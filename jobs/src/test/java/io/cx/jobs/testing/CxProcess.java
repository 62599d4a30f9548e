package io.cx.jobs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code cx} in a process of its own (this JVM's class path and module flags, a local master), to
 * be killed: at a file it is about to create ({@link HaltingFileSystem}), or with {@code kill -9}
 * when a line of its log matches.
 */
public final class CxProcess {
  // A night of a tiny world takes under a minute alone; a machine loaded many times over (other
  // builds beside the tests) has stretched it past five.
  private static final long TIMEOUT_SECONDS = 900;

  /** How a run ended: its exit code, what it printed and how long it took. */
  public record Ended(int exitCode, String output, long millis) {}

  private final List<String> properties = new ArrayList<>();
  private String killOnLine;

  /** Halts the process before it creates a file whose path matches {@code regex}. */
  public CxProcess haltBeforeWriting(String regex) {
    properties.add("-Dspark.hadoop.fs.file.impl=" + HaltingFileSystem.class.getName());
    properties.add("-Dspark.hadoop.fs.file.impl.disable.cache=true");
    properties.add("-D" + HaltingFileSystem.HALT_AT + "=" + regex);
    return this;
  }

  /** Kills the process ({@code kill -9}) as soon as it prints a line containing {@code text}. */
  public CxProcess killOnLine(String text) {
    this.killOnLine = text;
    return this;
  }

  /** Runs {@code cx args} and waits for it to end. */
  public Ended run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
        command.add(a);
      }
    }
    command.add("-Xmx1g");
    // A short run on a tiny world: the C1 compiler alone and the serial collector spend about 0.6x
    // the CPU of the defaults (C2 and G1 threads compete for the test's two cores and pay off only
    // in long runs). Spark's code generation stays on: these runs are the tests' only ones with it.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dspark.master=local[2]");
    command.add("-Dspark.ui.enabled=false"); // no UI port beside the test JVM's session
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.cx.jobs.cli.Cx");
    command.addAll(List.of(args));
    long start = System.nanoTime();
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.append(line).append('\n');
                    if (killOnLine != null && line.contains(killOnLine)) {
                      p.destroyForcibly();
                    }
                  }
                } catch (IOException e) {
                  // kill -9 closed the stream while a line was being read: the output ends here
                  out.append("(output closed: ").append(e.getMessage()).append(")\n");
                }
              },
              "cx-process-output");
      reader.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        reader.join();
        fail("cx " + String.join(" ", args) + " ran over " + TIMEOUT_SECONDS + " s:\n" + out);
      }
      reader.join();
      return new Ended(p.exitValue(), out.toString(), (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
