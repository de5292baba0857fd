package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Liquibase changelogs (XML, YAML, JSON, formatted SQL) from the master changelog, following {@code include} and
 * {@code includeAll}. Liquibase itself parses the changelog and renders each changeset's SQL for PostgreSQL,
 * offline (see {@link LiquibaseRenderer}); one {@link Migration} per changeset that would run.
 */
public final class LiquibaseSource implements MigrationSource {
  static final List<String> CHANGELOG_DIRS =
      List.of("db/changelog", "src/main/resources/db/changelog");
  private static final List<String> EXTENSIONS = List.of("xml", "yaml", "yml", "json", "sql");

  @Override
  public MigrationTool tool() {
    return MigrationTool.LIQUIBASE;
  }

  @Override
  public Optional<String> masterChangelog(Path root, MigrationSettings settings) {
    return LiquibaseSource.masterChangelogOf(root, settings);
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    return masterChangelog(root, settings).isPresent() ? 100 : 0;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    String p = SourceFiles.normalizeLocation(relativePath);
    int dot = p.lastIndexOf('.');
    if (dot < 0 || !EXTENSIONS.contains(p.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return false;
    }
    List<String> dirs =
        new ArrayList<>(SourceFiles.locations(settings.locations(), CHANGELOG_DIRS));
    settings
        .changelog()
        .ifPresent(
            c -> {
              String n = SourceFiles.normalizeLocation(c);
              dirs.add(n.contains("/") ? n.substring(0, n.lastIndexOf('/')) : "");
            });
    return SourceFiles.inLocations(p, dirs, true);
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    String master =
        masterChangelog(root, settings)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "no Liquibase master changelog found (looked for "
                            + candidates()
                            + "); set migrations.changelog in"
                            + " .schemawarden.yml to its path"));
    checkSearchPaths(root, settings.searchPaths());
    return new LiquibaseRenderer(root, master, settings, parser).render();
  }

  /**
   * Each search path must be a directory of the repository: written relative, without {@code ..}, and not leading
   * out through a symbolic link. A missing one holds nothing (it may exist on one side of the change only).
   */
  static void checkSearchPaths(Path root, List<String> searchPaths) {
    for (String dir : searchPaths) {
      String fix =
          "; fix migrations.search-paths in .schemawarden.yml: name a directory inside the repository,"
              + " relative to its root (e.g. module-a/src/main/resources)";
      if (dir.startsWith("/")
          || dir.startsWith("\\")
          || dir.matches("^[A-Za-z]:.*")
          || List.of(dir.replace('\\', '/').split("/")).contains("..")) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "migrations.search-paths: '"
                + dir
                + "' is not a path inside"
                + " the repository"
                + fix);
      }
      RepositoryFiles.Lookup at = RepositoryFiles.lookup(root, SourceFiles.normalizeLocation(dir));
      if (at instanceof RepositoryFiles.Refused r) {
        throw new WardenException(
            ErrorCode.CONFIG, "migrations.search-paths: " + r.path() + " " + r.reason() + fix);
      }
      if (at instanceof RepositoryFiles.Found) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "migrations.search-paths: " + dir + " is a file, not a directory" + fix);
      }
    }
  }

  /** The configured changelog (which must exist) or the first conventional master changelog present. */
  static Optional<String> masterChangelogOf(Path root, MigrationSettings settings) {
    if (settings.changelog().isPresent()) {
      String configured = SourceFiles.normalizeLocation(settings.changelog().get());
      if (!present(root, configured)) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "migrations.changelog '"
                + settings.changelog().get()
                + "' does not exist under the repository root;"
                + " fix the path in .schemawarden.yml (it is relative to the repository root)");
      }
      return Optional.of(configured);
    }
    return candidates().stream().filter(c -> present(root, c)).findFirst();
  }

  /** A file, or something there the renderer will refuse and report (a link leaving the repository, a FIFO). */
  private static boolean present(Path root, String path) {
    RepositoryFiles.Lookup at = RepositoryFiles.lookup(root, path);
    return at instanceof RepositoryFiles.Found || at instanceof RepositoryFiles.Refused;
  }

  static List<String> candidates() {
    List<String> out = new ArrayList<>();
    for (String dir : CHANGELOG_DIRS) {
      for (String ext : EXTENSIONS) {
        out.add(dir + "/db.changelog-master." + ext);
      }
    }
    return out;
  }
}
