package dev.schemawarden.app.server;

import dev.schemawarden.app.testing.ReleaseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warden serve} as a real OS process (this build's classes through the launcher jar), for what only a process
 * shows: {@code kill -9} (no shutdown hook, no release, the lease left behind) and {@code SIGTERM} (the hook).
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");

  private final Process process;
  private final Path log;
  private final int port;

  private ServeProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts one and waits until it listens; {@code env} is its whole WARDEN_* configuration. */
  static ServeProcess start(Map<String, String> env, Duration timeout) {
    try {
      Path log = Files.createTempFile("warden-serve-", ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-jar", ReleaseServer.launcherJar().toString(), "serve"))
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        Matcher m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          return new ServeProcess(p, log, Integer.parseInt(m.group(1)));
        }
        if (!p.isAlive()) {
          throw new AssertionError("warden serve exited " + p.exitValue() + ":\n" + Files.readString(log));
        }
        Thread.sleep(50);
      }
      p.destroyForcibly();
      throw new AssertionError("warden serve did not listen within " + timeout + ":\n" + Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** {@code kill -9}: nothing of ours runs any more. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code SIGTERM}; the exit code, or -1 when it did not exit within {@code timeout}. */
  int sigterm(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
