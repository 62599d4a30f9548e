package io.cx.common.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as a lock names it: the host name, the Linux pid namespace (so that two containers with
 * the same host name are not taken for one host) and the pid.
 *
 * @param host the host name
 * @param pidNamespace the target of {@code /proc/self/ns/pid}, or empty where there is none
 * @param pid the process id
 */
public record HostIdentity(String host, String pidNamespace, long pid) {
  /**
   * How much later than its lock a process may seem to have started and still be the lock's holder:
   * a process's start time is known to the clock tick and the boot time to the second.
   */
  static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  /** This process. */
  public static HostIdentity current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    String ns;
    try {
      ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or /proc hidden: the pid namespace is unknown (empty), and two processes on
      // one host are then taken to share it.
      ns = "";
    }
    return new HostIdentity(host, ns, ProcessHandle.current().pid());
  }

  /** Whether the other process runs where this one can see its pid. */
  public boolean sameHost(HostIdentity other) {
    return host.equals(other.host) && pidNamespace.equals(other.pidNamespace);
  }

  /**
   * Whether the holder of a lock taken at {@code lockedAt}, on this host, has ended: its pid is no
   * longer running, or now belongs to a process that started after the lock was taken.
   */
  public boolean hasEnded(HostIdentity holder, Instant lockedAt) {
    if (!sameHost(holder)) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(holder.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    Optional<Instant> start = p.get().info().startInstant();
    return start.isPresent() && start.get().isAfter(lockedAt.plus(START_TOLERANCE));
  }
}
