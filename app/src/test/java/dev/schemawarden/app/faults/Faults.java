package dev.schemawarden.app.faults;

import dev.schemawarden.analyzers.api.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the fault-injection tests. */
final class Faults {
  private Faults() {}

  /** A directory the unprivileged server user may pass through (not @TempDir, which is 700). */
  static Path openDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try {
      FileTrees.deleteOrThrow(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL to a process we do not hold a {@link Process} for (the postmaster). */
  static void kill9(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    await(
        "process " + pid + " gone",
        Duration.ofSeconds(10),
        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      ChildWarden.sleep(50);
    }
  }

  static Duration since(long nanoTime) {
    return Duration.ofNanos(System.nanoTime() - nanoTime);
  }
}
