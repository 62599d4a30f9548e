package io.cx.common.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LongSummaryStatistics;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a job needs to know of a Delta table's log without running a Spark job: the latest version
 * (the highest {@code _delta_log/NNN.json}, a commit file that log clean-up never removes) and the
 * operation metrics of a commit (its {@code commitInfo} line). Delta's own {@code history()}
 * answers the same from a Spark job over the commit files, which costs each job a second or more
 * per call.
 */
final class DeltaLogFiles {
  private static final Pattern COMMIT = Pattern.compile("^(\\d{20})\\.json$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLogFiles() {}

  /** The table's latest version, or -1 when it has no commit. */
  static long latestVersion(Configuration conf, String table) {
    LongSummaryStatistics commits = commits(conf, table);
    return commits.getCount() == 0 ? -1 : commits.getMax();
  }

  /**
   * The table's earliest version that still has its commit file, or -1 when it has none: versions
   * before it were removed by log clean-up ({@code delta.logRetentionDuration}) and can be neither
   * time-travelled to nor read as changes.
   */
  static long earliestCommit(Configuration conf, String table) {
    LongSummaryStatistics commits = commits(conf, table);
    return commits.getCount() == 0 ? -1 : commits.getMin();
  }

  /** The versions of the commit files in the table's log (none when it has no log). */
  private static LongSummaryStatistics commits(Configuration conf, String table) {
    Path log = new Path(table, "_delta_log");
    LongSummaryStatistics versions = new LongSummaryStatistics();
    try {
      FileSystem fs = log.getFileSystem(conf);
      if (!fs.exists(log)) {
        return versions;
      }
      for (FileStatus f : fs.listStatus(log)) {
        Matcher m = COMMIT.matcher(f.getPath().getName());
        if (m.matches()) {
          versions.accept(Long.parseLong(m.group(1)));
        }
      }
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Delta log of " + table, e);
    }
  }

  /** The {@code numOutputRows} operation metric of a commit, or 0 when it has none. */
  static long outputRows(Configuration conf, String table, long version) {
    return outputRows(commitInfo(conf, table, version));
  }

  /**
   * The {@code numOutputRows} of the commit, from version {@code from} on, whose {@code
   * userMetadata} is {@code marker}: a write's own commit, when other writers may have committed
   * after it. Empty when no commit has the marker.
   */
  static OptionalLong outputRowsOf(Configuration conf, String table, long from, String marker) {
    OptionalLong v = versionOf(conf, table, from, marker);
    return v.isPresent()
        ? OptionalLong.of(outputRows(commitInfo(conf, table, v.getAsLong())))
        : OptionalLong.empty();
  }

  /**
   * The version, from {@code from} on, of the commit whose {@code userMetadata} is {@code marker};
   * empty when no commit has it.
   */
  static OptionalLong versionOf(Configuration conf, String table, long from, String marker) {
    long latest = latestVersion(conf, table);
    for (long v = Math.max(from, 0); v <= latest; v++) {
      JsonNode info = commitInfo(conf, table, v);
      if (info != null && marker.equals(info.path("userMetadata").asText(null))) {
        return OptionalLong.of(v);
      }
    }
    return OptionalLong.empty();
  }

  private static long outputRows(JsonNode info) {
    if (info == null) {
      return 0;
    }
    JsonNode n = info.path("operationMetrics").path("numOutputRows");
    return n.isMissingNode() || n.isNull() ? 0 : Long.parseLong(n.asText());
  }

  /** The {@code commitInfo} action of a commit, or null when it has none. */
  private static JsonNode commitInfo(Configuration conf, String table, long version) {
    Path commit = new Path(new Path(table, "_delta_log"), String.format("%020d.json", version));
    try {
      FileSystem fs = commit.getFileSystem(conf);
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonNode info = JSON.readTree(line).get("commitInfo");
          if (info != null) {
            return info;
          }
        }
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read commit " + version + " of " + table, e);
    }
  }
}
