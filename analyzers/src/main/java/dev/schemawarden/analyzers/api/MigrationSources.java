package dev.schemawarden.analyzers.api;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Picks the {@link MigrationSource} for a repository: the one {@code migrations.tool} names, or else the one whose
 * {@link MigrationSource#detect} scores the layout highest. Sources are found with {@link ServiceLoader}.
 */
public final class MigrationSources {
  private MigrationSources() {}

  /** Every registered source, in a stable order (by tool). */
  public static List<MigrationSource> all() {
    return ServiceLoader.load(MigrationSource.class, MigrationSources.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(MigrationSource::tool))
        .toList();
  }

  /** The source for {@code tool}. */
  public static MigrationSource forTool(MigrationTool tool) {
    return all().stream()
        .filter(s -> s.tool() == tool)
        .findFirst()
        .orElseThrow(() -> new WardenException(
            ErrorCode.INTERNAL, "no migration source registered for " + tool.configName()));
  }

  /**
   * The source for {@code root}: {@code settings.tool()} when set, otherwise the best-scoring layout.
   *
   * @throws WardenException with {@link ErrorCode#CONFIG} when no layout matches, naming what was looked for
   */
  public static MigrationSource detect(Path root, MigrationSettings settings) {
    if (settings.tool().isPresent()) {
      return forTool(settings.tool().get());
    }
    MigrationSource best = null;
    int bestScore = 0;
    for (MigrationSource source : all()) {
      int score = source.detect(root, settings);
      if (score > bestScore) {
        best = source;
        bestScore = score;
      }
    }
    if (best == null) {
      throw new WardenException(ErrorCode.CONFIG, noLayoutMessage(settings));
    }
    return best;
  }

  private static String noLayoutMessage(MigrationSettings settings) {
    String where = settings.locations().isEmpty() ? "" : " in " + String.join(", ", settings.locations());
    return "no migrations found" + where + ". Looked for: Liquibase db/changelog/db.changelog-master.{xml,yaml,yml,"
        + "json,sql} (also under src/main/resources); Flyway V<version>__<desc>.sql in db/migration or"
        + " src/main/resources/db/migration; dbmate db/migrations/*.sql with '-- migrate:up'; golang-migrate"
        + " <version>_<title>.up.sql in migrations/ or db/migrations/; diesel migrations/<version>_<name>/up.sql;"
        + " sqlx migrations/<version>_<description>.sql;"
        + " plain *.sql in migrations/, db/migrations/,"
        + " sql/ or db/. Set migrations.tool ("
        + MigrationTool.names()
        + ") and migrations.locations (or migrations.changelog for Liquibase) in .schemawarden.yml";
  }
}
