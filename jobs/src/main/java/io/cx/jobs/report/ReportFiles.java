package io.cx.jobs.report;

import io.cx.common.contract.Tables;
import io.cx.common.spark.TableIO;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where reports go: {@code <warehouse>/reports/<journey>/<run_date>/index.html}, through Hadoop's
 * file system (a local folder, s3a or hdfs, as the warehouse). Writing a date again replaces its
 * file.
 */
public final class ReportFiles {
  static final String FILE = "index.html";

  private ReportFiles() {}

  /** The report of a journey and run date under the warehouse. */
  public static String path(String warehouse, String journey, LocalDate date) {
    return TableIO.under(warehouse, Tables.REPORTS) + "/" + journey + "/" + date + "/" + FILE;
  }

  /** Writes (or replaces) the file; returns its size in bytes. */
  static long write(Configuration conf, String path, String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(conf);
      try (OutputStream out = fs.create(p, true)) {
        out.write(bytes);
      }
      return bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + path, e);
    }
  }
}
