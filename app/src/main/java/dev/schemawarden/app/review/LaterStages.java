package dev.schemawarden.app.review;

import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.ServerVersion;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stages that later features plug in (replica tracing, drift, policy). Each is optional: when absent the
 * review records the step as {@code skipped} and the report keeps the predicted effects, no drift and no decision.
 */
public record LaterStages(Optional<Tracer> tracer, Optional<DriftCheck> drift, Optional<PolicyCheck> policy) {

  public LaterStages {
    Objects.requireNonNull(tracer, "tracer");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(policy, "policy");
  }

  public static LaterStages none() {
    return new LaterStages(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Replaces predicted statement effects with ones observed on a scratch replica: traced effects plus the findings
   * and notes only a trace gives. A tracer that throws degrades the review to predicted effects (recorded in
   * {@code errors}), unless {@code --trace} was given.
   */
  @FunctionalInterface
  public interface Tracer {
    TraceOutcome run(TraceInput input);
  }

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
  public record TraceInput(
      List<MigrationReport> changed, List<Migration> history, Supplier<Path> snapshotRoot, Path headRoot,
      Optional<Path> snapshotFile, Optional<ProductionSnapshot> production, WardenConfig config,
      DatabaseEngine engine, Optional<Boolean> requested) {
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
  public record TraceOutcome(List<MigrationReport> migrations, List<Finding> findings, String detail,
      boolean skipped) {
    public TraceOutcome {
      migrations = List.copyOf(migrations);
      findings = List.copyOf(findings);
      Objects.requireNonNull(detail, "detail");
    }

    public static TraceOutcome traced(List<MigrationReport> migrations, List<Finding> findings, String detail) {
      return new TraceOutcome(migrations, findings, detail, false);
    }

    public static TraceOutcome skipped(List<MigrationReport> migrations, String why) {
      return new TraceOutcome(migrations, List.of(), why, true);
    }
  }

  /** Compares production with what the migration history says it should be. */
  @FunctionalInterface
  public interface DriftCheck {
    List<DriftItem> drift(List<MigrationReport> migrations, WardenConfig config);

    /**
     * Starts the drift check of one review: loads production's snapshot (so its server version can stand in for
     * an unset {@code engine-version} before lint runs). Empty when there is no snapshot to compare with. The
     * default runs {@link #drift} when the config names a snapshot.
     */
    default Optional<DriftRun> open(DriftInputs inputs) {
      if (inputs.config().snapshot().isEmpty() && inputs.snapshotFile().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new DriftRun() {
        @Override
        public Optional<ServerVersion> serverVersion() {
          return Optional.empty();
        }

        @Override
        public String description() {
          return "production snapshot";
        }

        @Override
        public DriftResult check(List<MigrationReport> migrations, WardenConfig config) {
          return new DriftResult(drift(migrations, config), List.of(), List.of());
        }
      });
    }
  }

  /**
   * What the drift check may use of one review.
   *
   * @param config the repository's config
   * @param snapshotFile {@code warden review --snapshot FILE}: wins over the config's {@code snapshot:}
   * @param headRoot the head tree on disk
   * @param headMigrations every migration at head, loaded on first use
   * @param baseRoot the base tree on disk, materialised on first use; a {@code snapshot.path} is relative to it
   * @param baseMigrations every migration at the base, loaded on first use: the history production should have
   */
  public record DriftInputs(WardenConfig config, Optional<Path> snapshotFile, Path headRoot,
      Supplier<List<Migration>> headMigrations, Supplier<Path> baseRoot, Supplier<List<Migration>> baseMigrations) {
    public DriftInputs {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(snapshotFile, "snapshotFile");
      Objects.requireNonNull(headRoot, "headRoot");
      Objects.requireNonNull(headMigrations, "headMigrations");
      Objects.requireNonNull(baseRoot, "baseRoot");
      Objects.requireNonNull(baseMigrations, "baseMigrations");
    }
  }

  /** One review's drift check, with production's snapshot loaded. */
  public interface DriftRun {
    /** Production's server version, when the snapshot says it. */
    Optional<ServerVersion> serverVersion();

    /** Where the snapshot came from and how old it is, for the report's step detail. */
    String description();

    /**
     * Production's snapshot as this run loaded it ({@code --snapshot}, {@code snapshot.path}, {@code .url} or
     * {@code .env}), so the trace builds its replica from the same one; empty when it could not be loaded.
     */
    default Optional<ProductionSnapshot> production() {
      return Optional.empty();
    }

    DriftResult check(List<MigrationReport> migrations, WardenConfig config);
  }

  /** Production's schema snapshot as one stage loaded it, and where it came from (a path or a URL without query). */
  public record ProductionSnapshot(dev.schemawarden.drift.api.SchemaSnapshot snapshot, String origin) {
    public ProductionSnapshot {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * @param drift every difference between expected and production, for the report's {@code drift[]}
   * @param findings the drift that matters to the change (DR101-DR104), severities as the rules say
   * @param errors problems that kept the check from finishing (e.g. the history does not replay)
   */
  public record DriftResult(List<DriftItem> drift, List<Finding> findings, List<String> errors) {
    public static final DriftResult NONE = new DriftResult(List.of(), List.of(), List.of());

    public DriftResult {
      drift = List.copyOf(drift);
      findings = List.copyOf(findings);
      errors = List.copyOf(errors);
    }
  }

  /** Decides allow / needs_approval / deny from the findings and the change. */
  @FunctionalInterface
  public interface PolicyCheck {
    Decision decide(PolicyInput input);
  }

  /**
   * What the policy stage judges.
   *
   * @param people who is involved (author, approvals, teams...); {@link PrPeople#unknown()} when nobody is known
   * @param settingsRoot the settings tree on disk ({@code Workspace#settingsRoot}: head for local runs, base for the
   *     service), where CODEOWNERS is read; empty when there is no tree
   */
  public record PolicyInput(ReviewTarget target, PrPeople people, List<MigrationReport> migrations,
      List<Finding> findings, List<DriftItem> drift, WardenConfig config, Optional<Path> settingsRoot) {
    public PolicyInput {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(people, "people");
      migrations = List.copyOf(migrations);
      findings = List.copyOf(findings);
      drift = List.copyOf(drift);
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(settingsRoot, "settingsRoot");
    }
  }
}
