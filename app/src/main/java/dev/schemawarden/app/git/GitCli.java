package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code git} command line: no shell (arguments are a list, so a ref or path can never inject a command),
 * a time limit, stdout and stderr both captured, stderr quoted in error messages. The CLI is used rather than a
 * Java git library because it is what CI systems already have and it understands every repository layout
 * (worktrees, shallow clones, partial clones) the same way the user's own git does.
 */
public final class GitCli {
  private static final Logger LOG = LoggerFactory.getLogger(GitCli.class);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path workDir;
  private final Duration timeout;

  public GitCli(Path workDir) {
    this(workDir, DEFAULT_TIMEOUT);
  }

  public GitCli(Path workDir, Duration timeout) {
    this.workDir = workDir;
    this.timeout = timeout;
  }

  public Path workDir() {
    return workDir;
  }

  /** The result of one git run; {@code stdout} as bytes because file contents need not be UTF-8. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs git and returns its result whatever the exit code; throws only when git cannot run or times out. */
  public Result run(List<String> args, Map<String, String> env) {
    List<String> cmd = new ArrayList<>(args.size() + 1);
    cmd.add("git");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    // Stable, untranslated messages and no interactive prompts (a CI job must never hang on a password).
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().putAll(env);
    LOG.debug("git {} (in {})", args, workDir);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot run git (" + e.getMessage() + "): install git and make sure it is on the PATH", e);
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "git " + String.join(" ", args) + " did not finish within " + timeout.toSeconds()
                + " s in " + workDir + ": check the repository is local and not locked by another git process");
      }
      return new Result(process.exitValue(), out.join(),
          new String(err.join(), StandardCharsets.UTF_8).strip());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "interrupted while running git", e);
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot talk to git: " + e.getMessage(), e);
    }
  }

  public Result run(String... args) {
    return run(List.of(args), Map.of());
  }

  /** Runs git and returns stdout, or throws with git's stderr and {@code fix} when it fails. */
  public String runOk(String fix, String... args) {
    Result r = run(args);
    if (!r.ok()) {
      throw failure(List.of(args), r, fix);
    }
    return r.out();
  }

  WardenException failure(List<String> args, Result r, String fix) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "git " + String.join(" ", args) + " failed in " + workDir + " (exit " + r.exitCode() + "): "
            + (r.stderr().isEmpty() ? "no message" : r.stderr()) + (fix.isEmpty() ? "" : ": " + fix));
  }

  private static byte[] readAll(InputStream in) {
    try (InputStream s = in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
      s.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
