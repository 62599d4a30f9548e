package io.cx.common.lock;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lock files on a Hadoop file system (hdfs, s3a, ...). {@code create} without overwrite is atomic
 * on HDFS; on object stores it is a check and a write (see {@link LockFiles}).
 */
final class HadoopLockFiles implements LockFiles {
  private final FileSystem fs;

  HadoopLockFiles(FileSystem fs) {
    this.fs = fs;
  }

  @Override
  public boolean createNew(Path file, byte[] content) throws IOException {
    try (FSDataOutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Stored> read(Path file) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(file);
      try (InputStream in = fs.open(file)) {
        return Optional.of(
            new Stored(in.readAllBytes(), Instant.ofEpochMilli(status.getModificationTime())));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void replace(Path file, byte[] content) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(content);
    }
  }

  @Override
  public boolean moveAside(Path file, Path target) throws IOException {
    try {
      return fs.rename(file, target);
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  @Override
  public void delete(Path file) throws IOException {
    fs.delete(file, false);
  }
}
