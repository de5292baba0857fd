package dev.schemawarden.app.cli;

import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the commands share: the streams (stdout only for results, stderr for everything else), the service and the
 * renderers. {@code terminal} says whether stdout and stderr are a person's terminal (colour, progress) and whether
 * {@code NO_COLOR} is set. {@code replicas} is the process's one replica provider (lazily started), the same the
 * service's stages use.
 */
public record CliContext(
    PrintStream out,
    PrintStream err,
    ReviewService service,
    Renderers renderers,
    Terminal terminal,
    ReplicaHolder replicas) {
  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(renderers, "renderers");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(replicas, "replicas");
  }

  /** {@code interactive}: both streams are a terminal (colour and progress), else neither. */
  public CliContext(
      PrintStream out,
      PrintStream err,
      ReviewService service,
      Renderers renderers,
      boolean interactive,
      ReplicaHolder replicas) {
    this(
        out,
        err,
        service,
        renderers,
        interactive ? new Terminal(true, true, false) : Terminal.NONE,
        replicas);
  }

  /** With an embedded replica provider of its own, started only if a command needs one. */
  public CliContext(
      PrintStream out,
      PrintStream err,
      ReviewService service,
      Renderers renderers,
      boolean interactive) {
    this(
        out,
        err,
        service,
        renderers,
        interactive,
        ReplicaHolder.embedded(ReplicaSettings.defaults()));
  }

  /** Whether stderr is a person's terminal, so progress is worth printing. */
  public boolean interactive() {
    return terminal.stderrIsTerminal();
  }

  /** Stages that run longer than a second, on stderr when it is a terminal; silent otherwise. */
  public Progress progress() {
    return interactive() ? new DelayedProgress(err, DelayedProgress.AFTER) : Progress.NONE;
  }
}
