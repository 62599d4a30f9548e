package io.cx.common.lock;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lock files in a local (or mounted) folder through java.nio: creation with {@code O_EXCL},
 * replacement and moves by atomic rename, and no Hadoop checksum files beside them.
 */
final class LocalLockFiles implements LockFiles {
  private final LocalFileSystem fs;

  LocalLockFiles(LocalFileSystem fs) {
    this.fs = fs;
  }

  private java.nio.file.Path local(Path file) {
    return fs.pathToFile(file).toPath();
  }

  @Override
  public boolean createNew(Path file, byte[] content) throws IOException {
    java.nio.file.Path p = local(file);
    Files.createDirectories(p.getParent());
    try {
      Files.write(p, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  @Override
  public Optional<Stored> read(Path file) throws IOException {
    java.nio.file.Path p = local(file);
    try {
      return Optional.of(
          new Stored(Files.readAllBytes(p), Files.getLastModifiedTime(p).toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void replace(Path file, byte[] content) throws IOException {
    java.nio.file.Path p = local(file);
    java.nio.file.Path tmp = p.resolveSibling("." + p.getFileName() + "." + UUID.randomUUID());
    Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public boolean moveAside(Path file, Path target) throws IOException {
    try {
      Files.move(local(file), local(target), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public void delete(Path file) throws IOException {
    Files.deleteIfExists(local(file));
  }
}
