package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The parts of the pipeline that other modules provide, behind one small interface each, so {@link ReviewService}
 * is wired by hand in {@code Main} and tests can substitute any of them.
 */
public record Components(Engines engines, Sources sources, StaticLinter linter, Catalog catalog) {

  public Components {
    Objects.requireNonNull(engines, "engines");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(linter, "linter");
    Objects.requireNonNull(catalog, "catalog");
  }

  /** Finds the engine for a config name such as {@code postgres}. */
  @FunctionalInterface
  public interface Engines {
    DatabaseEngine forName(String id);
  }

  /** Chooses the migration source: the configured tool, or the one that recognises the layout best. */
  public interface Sources {
    MigrationSource forTool(MigrationTool tool);

    /** The best match for {@code root} and the others that matched, or empty when no source recognises it. */
    Optional<MigrationSources.Detection> detect(Path root, MigrationSettings settings);
  }

  /** Runs the static rules over the migrations a change adds, applying per-rule severities and suppressions. */
  @FunctionalInterface
  public interface StaticLinter {
    List<Finding> lint(List<Migration> migrations, LintOptions options);
  }

  /** The rule catalog: every lint rule's metadata, sorted by id. */
  @FunctionalInterface
  public interface Catalog {
    List<RuleMeta> rules();
  }

  /** What the linter needs from the configuration. */
  public record LintOptions(
      String engine, ServerVersion serverVersion, Map<String, Severity> severities) {
    public LintOptions {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(serverVersion, "serverVersion");
      severities = Map.copyOf(severities);
    }
  }

  /** Engines discovered with {@link ServiceLoader}, as the SPI documents; the highest priority wins. */
  public static Engines serviceLoaderEngines() {
    // Loaded once: an engine may be costly to build, and the pipeline asks for it several times per
    // review.
    List<DatabaseEngine> all =
        ServiceLoader.load(DatabaseEngine.class, Components.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(DatabaseEngine::priority).reversed())
            .toList();
    return id ->
        all.stream()
            .filter(e -> e.supports(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "no database engine supports '"
                            + id
                            + "' in this build: set `engine: postgres` in .schemawarden.yml"));
  }
}
