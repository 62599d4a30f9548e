package io.cx.jobs.testing;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system of a {@code cx} process that is to die at a chosen point: the first time it
 * is asked to create a file whose path matches the regular expression in the system property
 * {@value #HALT_AT}, it halts the JVM with exit code {@value #EXIT_CODE}, as {@code kill -9} would
 * (no shutdown hook, no {@code finally}, no run_log row). Spark writes every table's data files
 * through it (Delta writes its commit files through Hadoop's FileContext, not through it), so a
 * pattern such as {@code .+/journey_features/.+\.parquet} stops a run after the tables it committed
 * before and before the commit of the one it was writing. Installed with {@code
 * -Dspark.hadoop.fs.file.impl=io.cx.jobs.testing.HaltingFileSystem}.
 */
public final class HaltingFileSystem extends LocalFileSystem {
  public static final String HALT_AT = "cx.test.halt_at";
  public static final int EXIT_CODE = 137;

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    haltIfChosen(f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static void haltIfChosen(Path f) {
    String pattern = System.getProperty(HALT_AT);
    if (pattern != null && f.toUri().getPath().matches(pattern)) {
      System.out.println("HaltingFileSystem: halting before writing " + f);
      System.out.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
