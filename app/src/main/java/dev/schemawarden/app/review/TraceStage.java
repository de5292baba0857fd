package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.git.Workspace;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace: the changed migrations run on a scratch replica of production's schema, their predicted effects
 * replaced by traced ones, plus the findings only a trace gives. When tracing fails for infrastructure reasons the
 * review keeps the predicted effects and reports the failure (an error only when {@code --trace} asked for it).
 */
public final class TraceStage implements ReviewStage {
  private static final Logger LOG = LoggerFactory.getLogger(TraceStage.class);

  private final Tracer tracer;

  public TraceStage(Tracer tracer) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
  }

  @Override
  public Needs needs() {
    return Needs.CHANGE;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    if (context.migrations().isEmpty()) {
      // e.g. a change that edits only down migrations: nothing a deploy runs, so no replica is
      // started
      steps.skipped("trace", "the change has no migration a deploy runs");
      return context;
    }
    ReviewInput input = context.input();
    Workspace ws = input.workspace();
    Tracer.TraceInput in =
        new Tracer.TraceInput(
            context.migrations(),
            context.change().orElseThrow().history(),
            ws::baseRoot,
            ws.headRoot(),
            input.snapshotFile(),
            context.production().flatMap(DriftCheck.DriftRun::production),
            context.config(),
            input.engine(),
            input.traceRequested());
    long start = System.nanoTime();
    try {
      Tracer.TraceOutcome out =
          steps.run("trace", "Tracing the migration on a scratch replica", () -> tracer.run(in));
      steps.status("trace", out.skipped() ? "skipped" : "ok", out.detail());
      return context
          .withMigrations(out.migrations())
          .plusFindings(LintStage.withConfiguredSeverity(out.findings(), context.config()));
    } catch (RuntimeException e) {
      String why = e instanceof WardenException ? e.getMessage() : e.toString();
      boolean config = e instanceof WardenException w && w.code() == ErrorCode.CONFIG;
      if (input.traceRequested().orElse(false) || config) {
        throw e instanceof WardenException w && w.code() != ErrorCode.INTERNAL
            ? w
            : new WardenException(
                ErrorCode.INFRASTRUCTURE,
                "tracing failed: " + why + " (run without --trace to review with predicted locks)",
                e);
      }
      LOG.warn("tracing failed, the review continues with predicted effects: {}", why, e);
      steps.failed("trace", (System.nanoTime() - start) / 1_000_000, why);
      return context.plusErrors(
          List.of("trace: " + why + "; the report shows predicted locks instead of traced ones"));
    }
  }

  @Override
  public void close() {
    if (tracer instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing the tracer failed: {}", e.toString());
      }
    }
  }
}
