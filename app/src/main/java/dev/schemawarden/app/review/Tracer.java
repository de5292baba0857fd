package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replaces predicted statement effects with ones observed on a scratch replica: traced effects plus the findings
 * and notes only a trace gives. A tracer that throws degrades the review to predicted effects (recorded in
 * {@code errors}), unless {@code --trace} was given.
 */
@FunctionalInterface
public interface Tracer {
  TraceOutcome run(TraceInput input);

  /**
   * What the trace stage gets.
   *
   * @param changed the migrations the change adds or modifies, with predicted effects, in tool order
   * @param history the head tree's other migrations in tool order: the base's schema when there is no snapshot
   * @param snapshotRoot the base tree, against which a configured snapshot path is resolved (materialised on first
   *     use): production's schema is never the pull request's to supply
   * @param headRoot the head tree, where a snapshot path only the pull request has is noticed and ignored
   * @param snapshotFile {@code --snapshot FILE}: wins over the config's {@code snapshot.path}
   * @param production the snapshot the drift stage already loaded: the trace uses it rather than read it again
   * @param requested {@code --trace} / {@code --no-trace}; empty when the command line did not say
   */
  record TraceInput(
      List<MigrationReport> changed,
      List<Migration> history,
      Supplier<Path> snapshotRoot,
      Path headRoot,
      Optional<Path> snapshotFile,
      Optional<DriftCheck.ProductionSnapshot> production,
      WardenConfig config,
      DatabaseEngine engine,
      Optional<Boolean> requested) {
    public TraceInput {
      changed = List.copyOf(changed);
      history = List.copyOf(history);
      Objects.requireNonNull(snapshotRoot, "snapshotRoot");
      Objects.requireNonNull(headRoot, "headRoot");
      Objects.requireNonNull(snapshotFile, "snapshotFile");
      Objects.requireNonNull(production, "production");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(requested, "requested");
    }
  }

  /**
   * What the trace stage gives back.
   *
   * @param migrations the migrations with traced effects (unchanged when skipped)
   * @param findings findings only the trace can produce (TR1xx)
   * @param detail for the {@code trace} step: what ran, or why it was skipped
   * @param skipped true when tracing was off: the step is recorded as {@code skipped}
   */
  record TraceOutcome(
      List<MigrationReport> migrations, List<Finding> findings, String detail, boolean skipped) {
    public TraceOutcome {
      migrations = List.copyOf(migrations);
      findings = List.copyOf(findings);
      Objects.requireNonNull(detail, "detail");
    }

    public static TraceOutcome traced(
        List<MigrationReport> migrations, List<Finding> findings, String detail) {
      return new TraceOutcome(migrations, findings, detail, false);
    }

    public static TraceOutcome skipped(List<MigrationReport> migrations, String why) {
      return new TraceOutcome(migrations, List.of(), why, true);
    }
  }
}
