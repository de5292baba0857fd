package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code .schemawarden.yml} says about the migrations. Empty values mean "use the tool's default".
 *
 * @param tool the tool, or empty to auto-detect
 * @param locations directories (relative to the repository root) that hold migrations
 * @param placeholders Flyway {@code ${name}} / Liquibase {@code ${name}} values
 * @param changelog Liquibase master changelog path, if not auto-detected
 * @param contexts Liquibase contexts to render
 * @param labels Liquibase label expression
 * @param searchPaths directories of the repository (other modules' {@code src/main/resources}) where Liquibase also
 *     looks for an {@code include}d changelog, after the master changelog's own classpath root
 */
public record MigrationSettings(
    Optional<MigrationTool> tool,
    List<String> locations,
    Map<String, String> placeholders,
    Optional<String> changelog,
    List<String> contexts,
    Optional<String> labels,
    List<String> searchPaths) {

  public MigrationSettings {
    locations = List.copyOf(locations);
    placeholders = Map.copyOf(placeholders);
    contexts = List.copyOf(contexts);
    searchPaths = List.copyOf(searchPaths);
  }

  /** Settings without Liquibase search paths. */
  public MigrationSettings(
      Optional<MigrationTool> tool,
      List<String> locations,
      Map<String, String> placeholders,
      Optional<String> changelog,
      List<String> contexts,
      Optional<String> labels) {
    this(tool, locations, placeholders, changelog, contexts, labels, List.of());
  }

  public static MigrationSettings defaults() {
    return new MigrationSettings(
        Optional.empty(), List.of(), Map.of(), Optional.empty(), List.of(), Optional.empty());
  }
}
