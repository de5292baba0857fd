package dev.schemawarden.replica.internal.local;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finding and stopping the postmaster of a data directory, signalling nothing that is not provably it. */
final class Postmasters {
  private static final Logger LOG = LoggerFactory.getLogger(Postmasters.class);

  private Postmasters() {}

  /**
   * The postmaster of {@code data} when postmaster.pid names a live postgres process working in {@code data}: a
   * postmaster.pid written by someone else (a directory planted in a shared {@code /dev/shm}) cannot get another
   * server stopped, since that server's working directory is its own data directory.
   */
  static Optional<Long> running(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return isPostgres(pid) && worksIn(pid, data) ? Optional.of(pid) : Optional.empty();
  }

  private static boolean worksIn(long pid, Path data) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
          .equals(data.toRealPath());
    } catch (IOException | UnsupportedOperationException e) {
      return false; // gone, or not ours to inspect
    }
  }

  /** A live postgres process: a pid reused by some other program is never signalled. */
  private static boolean isPostgres(long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(true))
        .isPresent();
  }

  /** Fast shutdown (SIGINT, what pg_ctl -m fast sends), then immediate (SIGQUIT), then SIGKILL. */
  static void stop(long pid) throws IOException {
    if (!isPostgres(pid)) {
      return;
    }
    for (String signal : List.of("INT", "QUIT")) {
      Processes.run(
          List.of("kill", "-s", signal, Long.toString(pid)),
          Duration.ofSeconds(5),
          Optional.empty());
      if (waitGone(pid, signal.equals("INT") ? Duration.ofSeconds(30) : Duration.ofSeconds(10))) {
        return;
      }
      LOG.warn("embedded PostgreSQL (pid {}) ignored SIG{}; escalating", pid, signal);
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    waitGone(pid, Duration.ofSeconds(5));
  }

  private static boolean waitGone(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return true;
      }
      sleep(50);
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "interrupted while stopping PostgreSQL", e);
    }
  }
}
