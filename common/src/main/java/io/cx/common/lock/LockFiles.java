package io.cx.common.lock;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The few file operations a lock needs, where the warehouse is. Creating a lock must fail when the
 * file exists, at once: local folders do it with {@code O_EXCL} ({@link LocalLockFiles}), HDFS with
 * its name node ({@link HadoopLockFiles}). Object stores (s3a) check and write in two steps, so two
 * runs starting within the same moment may both get the lock there (see the README).
 */
interface LockFiles {
  /** A file's bytes and when it last changed. */
  record Stored(byte[] content, Instant modified) {}

  /** Creates the file with this content; false when it already exists. */
  boolean createNew(Path file, byte[] content) throws IOException;

  /** The file, or empty when it does not exist. */
  Optional<Stored> read(Path file) throws IOException;

  /** Writes the file over its old content (readers see the old or the new one where possible). */
  void replace(Path file, byte[] content) throws IOException;

  /** Renames the file to {@code target}; false when it no longer exists. */
  boolean moveAside(Path file, Path target) throws IOException;

  /** Deletes the file if it exists. */
  void delete(Path file) throws IOException;

  /** The operations for the file system of {@code root}. */
  static LockFiles forRoot(Path root, Configuration conf) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    return fs instanceof LocalFileSystem local
        ? new LocalLockFiles(local)
        : new HadoopLockFiles(fs);
  }
}
