package dev.schemawarden.app.cli;

import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.drift.api.ReplicaSettings;
import dev.schemawarden.app.review.ReviewService;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the commands share: the streams (stdout only for results, stderr for everything else), the service and the
 * renderers. {@code interactive} is true when stderr is a person's terminal, so progress is worth printing.
 * {@code replicas} is the process's one replica provider (lazily started), the same the service's stages use.
 */
public record CliContext(
    PrintStream out, PrintStream err, ReviewService service, Renderers renderers, boolean interactive,
    ReplicaHolder replicas) {
  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(renderers, "renderers");
    Objects.requireNonNull(replicas, "replicas");
  }

  /** With an embedded replica provider of its own, started only if a command needs one. */
  public CliContext(
      PrintStream out, PrintStream err, ReviewService service, Renderers renderers, boolean interactive) {
    this(out, err, service, renderers, interactive, ReplicaHolder.embedded(ReplicaSettings.defaults()));
  }

  public Progress progress() {
    return interactive ? message -> err.println("warden: " + message + " ...") : Progress.NONE;
  }
}
