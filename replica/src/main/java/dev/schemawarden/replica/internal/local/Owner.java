package dev.schemawarden.replica.internal.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that started the server in a data directory: its pid and start time, so a pid reused by another
 * program after a crash does not make a dead owner look alive.
 */
record Owner(long pid, long startMillis) {
  static final String FILE = "warden.owner";

  static Owner current() {
    ProcessHandle self = ProcessHandle.current();
    return new Owner(self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  static Optional<Owner> read(Path data) throws IOException {
    Path f = data.resolve(FILE);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String[] parts = Files.readString(f).strip().split("\\s+");
    try {
      return Optional.of(
          new Owner(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0L));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                startMillis == 0
                    || h.info()
                        .startInstant()
                        .map(Instant::toEpochMilli)
                        .map(s -> Math.abs(s - startMillis) < 1000)
                        .orElse(true))
        .isPresent();
  }

  void write(Path data) throws IOException {
    Files.writeString(data.resolve(FILE), pid + " " + startMillis + "\n");
  }
}
