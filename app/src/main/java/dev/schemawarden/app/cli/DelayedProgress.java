package dev.schemawarden.app.cli;

import dev.schemawarden.app.review.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress on stderr for the steps that take longer than {@link #AFTER}: a step's line appears once it has run that
 * long, so a fast command prints nothing and a slow one (replica start, template build, tracing) says what it waits
 * on. Used only when stderr is a terminal ({@link CliContext#progress()}).
 */
final class DelayedProgress implements Progress {
  static final Duration AFTER = Duration.ofSeconds(1);

  /** One daemon thread for the process: it never keeps the JVM alive. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "warden-progress");
            t.setDaemon(true);
            return t;
          });

  private final PrintStream err;
  private final Duration after;
  private ScheduledFuture<?> pending;

  DelayedProgress(PrintStream err, Duration after) {
    this.err = err;
    this.after = after;
  }

  @Override
  public synchronized void stage(String message) {
    done();
    pending =
        TIMER.schedule(
            () -> err.println("warden: " + message + " ..."),
            after.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void done() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
