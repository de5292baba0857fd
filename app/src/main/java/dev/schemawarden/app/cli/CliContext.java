package dev.schemawarden.app.cli;

import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewService;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the commands share: the streams (stdout only for results, stderr for everything else), the service and the
 * renderers. {@code interactive} is true when stderr is a person's terminal, so progress is worth printing.
 */
public record CliContext(
    PrintStream out, PrintStream err, ReviewService service, Renderers renderers, boolean interactive) {
  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(renderers, "renderers");
  }

  public Progress progress() {
    return interactive ? message -> err.println("warden: " + message + " ...") : Progress.NONE;
  }
}
