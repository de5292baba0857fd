package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

  /**
   * Pumps git's stdin, stdout and stderr: a thread each, never the common pool, where on a small machine the three
   * pumps of one git could queue behind each other and deadlock (git blocks on a full pipe no one reads).
   */
  private static final ExecutorService PUMPS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "git-io");
            t.setDaemon(true);
            return t;
          });

  private final Path workDir;
  private final Duration timeout;

  /** Empty: the child inherits this process's environment (the CLI); else exactly these variables. */
  private final Optional<Map<String, String>> isolatedEnv;

  /** Text replaced by {@code ***} in git's stderr before it reaches a result or a message. */
  private final List<String> secrets;

  private final Consumer<List<String>> observer;

  public GitCli(Path workDir) {
    this(workDir, DEFAULT_TIMEOUT);
  }

  public GitCli(Path workDir, Duration timeout) {
    this(workDir, timeout, Optional.empty(), List.of(), cmd -> {});
  }

  private GitCli(
      Path workDir,
      Duration timeout,
      Optional<Map<String, String>> isolatedEnv,
      List<String> secrets,
      Consumer<List<String>> observer) {
    this.workDir = workDir;
    this.timeout = timeout;
    this.isolatedEnv = isolatedEnv.map(Map::copyOf);
    this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
    this.observer = observer;
  }

  /**
   * A git whose children see only {@code env} (plus the fixed variables every run gets), never this process's
   * environment, and whose stderr has every one of {@code secrets} replaced by {@code ***}: for the service, which
   * holds tokens and keys a git child must not inherit. {@code observer} sees every command line (tests assert no
   * secret is ever on one).
   */
  public static GitCli isolated(
      Path workDir,
      Duration timeout,
      Map<String, String> env,
      List<String> secrets,
      Consumer<List<String>> observer) {
    return new GitCli(workDir, timeout, Optional.of(env), secrets, observer);
  }

  /** The same git, run in {@code dir}. */
  public GitCli in(Path dir) {
    return new GitCli(dir, timeout, isolatedEnv, secrets, observer);
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
    return run(args, env, new byte[0]);
  }

  /** As {@link #run(List, Map)}, with {@code stdin} written to git's standard input. */
  public Result run(List<String> args, Map<String, String> env, byte[] stdin) {
    List<String> cmd = new ArrayList<>(args.size() + 1);
    cmd.add("git");
    cmd.addAll(args);
    observer.accept(List.copyOf(cmd));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    isolatedEnv.ifPresent(
        only -> {
          pb.environment().clear();
          pb.environment().putAll(only);
        });
    // Stable, untranslated messages and no interactive prompts (a CI job must never hang on a
    // password).
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
          "cannot run git (" + e.getMessage() + "): install git and make sure it is on the PATH",
          e);
    }
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), PUMPS);
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), PUMPS);
    try {
      // Written on its own thread so a git that stops reading cannot stall us past the timeout.
      CompletableFuture.runAsync(
          () -> {
            try (OutputStream in = process.getOutputStream()) {
              in.write(stdin);
            } catch (IOException e) {
              // git exited before reading all of its input: its exit code and stderr say why
            }
          },
          PUMPS);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // git's own children (remote helpers, index-pack) hold the pipes open: they go first
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "git "
                + String.join(" ", args)
                + " did not finish within "
                + timeout.toSeconds()
                + " s in "
                + workDir
                + (isolatedEnv.isPresent()
                    ? ": check the host is reachable, or raise WARDEN_GIT_TIMEOUT_SECONDS"
                    : ": check the repository is local and not locked by another git process"));
      }
      return new Result(
          process.exitValue(),
          out.join(),
          scrub(new String(err.join(), StandardCharsets.UTF_8).strip()));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "interrupted while running git", e);
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

  public WardenException failure(List<String> args, Result r, String fix) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "git "
            + String.join(" ", args)
            + " failed in "
            + workDir
            + " (exit "
            + r.exitCode()
            + "): "
            + (r.stderr().isEmpty() ? "no message" : r.stderr())
            + (fix.isEmpty() ? "" : ": " + fix));
  }

  /** {@code text} with every secret this git knows replaced by {@code ***}. */
  public String scrub(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }

  private static byte[] readAll(InputStream in) {
    try (InputStream s = in;
        ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
      s.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
