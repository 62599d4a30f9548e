package io.cx.jobs.cli;

import io.cx.common.error.BadConfigException;
import io.cx.common.error.ConfigProblem;
import io.cx.common.error.ExitCodes;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The cx command line: {@code bin/cx} locally, the same main class under spark-submit. Exit codes
 * follow the data contract: 0 succeeded, 1 failed and worth retrying, 2 bad config or usage, 3
 * input failed a data-quality gate, 4 nothing to do.
 */
@Command(
    name = "cx",
    mixinStandardHelpOptions = true,
    versionProvider = Cx.Version.class,
    description =
        "Customer-experience analytics on Spark: what drives satisfaction, NPS and churn.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      RunCommand.class,
      ValidateCommand.class,
      ExportCommand.class,
      SqlCommand.class,
      WarmUpCommand.class,
    })
public final class Cx {
  /** Characters of a cause's message that cx prints. */
  private static final int MAX_CAUSE = 400;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = execute(args);
    SparkSession.getDefaultSession()
        .foreach(
            s -> {
              s.stop();
              return null;
            });
    System.exit(code);
  }

  /** Runs the command line and returns its exit code (tests call this, not main). */
  public static int execute(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  /** The command line with its output streams, for tests that read what it prints. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Cx());
    for (String job : Jobs.names()) {
      cl.addSubcommand(job, new CommandLine(new JobCommand(job)).setCommandName(job));
      cl.getSubcommands()
          .get(job)
          .getCommandSpec()
          .usageMessage()
          .description("Run the " + job + " job for one logical date.");
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (e instanceof BadConfigException bad) {
            w.println("cx: bad config:");
            for (ConfigProblem p : bad.problems()) {
              w.println("  " + p);
            }
          } else {
            w.println("cx: " + e.getMessage());
            String cause = rootCause(e);
            if (cause != null) {
              w.println("  cause: " + cause);
            }
          }
          w.flush();
          return ExitCodes.of(e);
        });
    return cl;
  }

  /**
   * The first line of the innermost cause's message (what S3, HDFS or the network said: a bucket
   * that does not exist, a refused connection), when the failure wraps one; null otherwise.
   */
  static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root == e) {
      return null;
    }
    String msg = root.getMessage() == null ? "" : root.getMessage().strip();
    int nl = msg.indexOf('\n');
    String line = nl < 0 ? msg : msg.substring(0, nl);
    if (line.length() > MAX_CAUSE) {
      line = line.substring(0, MAX_CAUSE) + "...";
    }
    return root.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cx.class.getPackage().getImplementationVersion();
      return new String[] {"cx " + (v == null ? "(development build)" : v)};
    }
  }
}
