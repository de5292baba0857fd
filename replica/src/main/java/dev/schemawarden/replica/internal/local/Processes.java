package dev.schemawarden.replica.internal.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Child processes with a clean environment: PostgreSQL never sees the JVM's variables (tokens, keys). */
final class Processes {
  /** The whole environment of every process we start; nothing is inherited. */
  static final Map<String, String> ENV =
      Map.of(
          "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "LANG", "C.UTF-8",
          "LC_ALL", "C.UTF-8",
          "TZ", "UTC");

  private Processes() {}

  record Result(int exit, String output) {}

  static ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(ENV);
    pb.redirectErrorStream(true);
    return pb;
  }

  /** Runs {@code command} to its end (killed after {@code timeout}), feeding {@code stdin}; output and exit code. */
  static Result run(List<String> command, Duration timeout, Optional<String> stdin)
      throws IOException {
    Process p = builder(command).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    try (OutputStream in = p.getOutputStream()) {
      if (stdin.isPresent()) {
        in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        return new Result(-1, out.getNow("") + "\n(killed after " + timeout.toSeconds() + " s)");
      }
      return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running " + command.get(0), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Result(p.exitValue(), "");
    }
  }

  /** The output of a short command that must succeed. */
  static String capture(List<String> command) throws IOException {
    Result r = run(command, Duration.ofSeconds(30), Optional.empty());
    if (r.exit() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed (exit " + r.exit() + "): " + tail(r.output()));
    }
    return r.output();
  }

  /** The last lines of a command's output or a log, for one-line errors. */
  static String tail(String output) {
    String[] lines = output.strip().split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, lines.length - 3); i < lines.length; i++) {
      sb.append(sb.length() == 0 ? "" : " | ").append(lines[i].strip());
    }
    return sb.toString();
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
