package dev.schemawarden.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warden} run as a real child JVM ({@code java -cp <this test's class path> dev.schemawarden.app.Main}), its
 * output in a log file: what an operator's {@code kill -9} hits (public for the several-instances tests in
 * {@code app.server}).
 */
public final class ChildWarden implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");

  private final Process process;
  private final Path log;

  private ChildWarden(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The options of a short test child: it starts fast and does little (C1 only, the serial collector). */
  public static final List<String> SHORT_RUN =
      List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** What the launcher gives {@code warden serve}: the JVM's defaults, for a service that runs for days. */
  public static final List<String> AS_SERVE_RUNS = List.of("-Xmx1g");

  /** Starts {@code warden args...} with the test JVM's environment plus {@code env}. */
  public static ChildWarden start(Path log, Map<String, String> env, String... args) {
    return start(log, env, SHORT_RUN, args);
  }

  /** As above with {@code jvmOptions} instead of {@link #SHORT_RUN}. */
  public static ChildWarden start(
      Path log, Map<String, String> env, List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.schemawarden.app.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      return new ChildWarden(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the output contains {@code text} or the process exits; fails with the output otherwise. */
  public void awaitOutput(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "warden exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "':\n"
                + output());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output());
      }
      sleep(50);
    }
  }

  /** The port {@code warden serve} printed, once it did. */
  public int awaitServing(Duration timeout) {
    awaitOutput("serving on port", timeout);
    Matcher m = SERVING.matcher(output());
    if (!m.find()) {
      throw new AssertionError(output());
    }
    return Integer.parseInt(m.group(1));
  }

  /** SIGKILL: no shutdown hook runs, nothing is cleaned up. */
  public void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Optional<Integer> exitCode(Duration wait) {
    try {
      return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)
          ? Optional.of(process.exitValue())
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Live postgres processes working in {@code dataDirectory}: the postmaster chdirs there and its children (whose
   * command lines are rewritten to "postgres: ...") inherit it, so /proc/PID/cwd finds them all.
   */
  static List<Long> postgresProcessesIn(Path dataDirectory) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(
            p -> {
              try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                    .equals(dir);
              } catch (IOException | UnsupportedOperationException e) {
                return false; // gone meanwhile
              }
            })
        .map(ProcessHandle::pid)
        .toList();
  }

  /** The postmaster pid recorded in {@code dataDirectory}/postmaster.pid. */
  static long postmasterPid(Path dataDirectory) {
    try {
      return Long.parseLong(
          Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** SIGTERM (the shutdown hook runs); its exit code, or empty when it did not exit within {@code wait}. */
  public Optional<Integer> sigterm(Duration wait) {
    process.destroy();
    return exitCode(wait);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (exitCode(Duration.ofSeconds(30)).isEmpty()) {
        process.destroyForcibly();
      }
    }
  }
}
