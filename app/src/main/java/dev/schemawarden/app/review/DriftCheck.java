package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Compares production with what the migration history says it should be. {@link ProductionSchemaStage} opens one
 * run per review (production's schema, resolved once), {@link DriftStage} asks it for the drift of the change.
 */
@FunctionalInterface
public interface DriftCheck {

  /**
   * Loads production's snapshot for one review (so its server version can stand in for an unset
   * {@code engine-version} before lint runs). Empty when there is no snapshot to compare with.
   */
  Optional<DriftRun> open(DriftInputs inputs);

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
  record DriftInputs(
      WardenConfig config,
      Optional<Path> snapshotFile,
      Path headRoot,
      Supplier<List<Migration>> headMigrations,
      Supplier<Path> baseRoot,
      Supplier<List<Migration>> baseMigrations) {
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
  interface DriftRun {
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
  record ProductionSnapshot(SchemaSnapshot snapshot, String origin) {
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
  record DriftResult(List<DriftItem> drift, List<Finding> findings, List<String> errors) {
    public static final DriftResult NONE = new DriftResult(List.of(), List.of(), List.of());

    public DriftResult {
      drift = List.copyOf(drift);
      findings = List.copyOf(findings);
      errors = List.copyOf(errors);
    }
  }
}
