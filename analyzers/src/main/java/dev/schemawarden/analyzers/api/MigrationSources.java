package dev.schemawarden.analyzers.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Picks the {@link MigrationSource} for a repository: the one {@code migrations.tool} names, or else the one whose
 * {@link MigrationSource#detect} scores the layout highest. Sources are found with {@link ServiceLoader}.
 */
public final class MigrationSources {
  /** What each tool's detection looks for, in the words of the report and of the no-layout error. */
  private static final Map<MigrationTool, String> LOOKS_FOR =
      new EnumMap<>(
          Map.of(
              MigrationTool.LIQUIBASE,
                  "Liquibase db/changelog/db.changelog-master.{xml,yaml,yml,json,sql} (also under"
                      + " src/main/resources)",
              MigrationTool.FLYWAY,
                  "Flyway V<version>__<desc>.sql in db/migration or src/main/resources/db/migration",
              MigrationTool.DBMATE, "dbmate db/migrations/*.sql with '-- migrate:up'",
              MigrationTool.GOLANG_MIGRATE,
                  "golang-migrate <version>_<title>.up.sql in migrations/ or db/migrations/",
              MigrationTool.DIESEL, "diesel migrations/<version>_<name>/up.sql",
              MigrationTool.SQLX, "sqlx migrations/<version>_<description>.sql",
              MigrationTool.PLAIN, "plain *.sql in migrations/, db/migrations/, sql/ or db/"));

  private MigrationSources() {}

  /**
   * The layout detection chose {@code chosen} over the other sources that also recognised something
   * ({@code alsoMatched}, best first).
   */
  public record Detection(MigrationSource chosen, List<MigrationTool> alsoMatched) {
    public Detection {
      Objects.requireNonNull(chosen, "chosen");
      alsoMatched = List.copyOf(alsoMatched);
    }

    /** For the report's {@code sources} step: what was recognised and how to choose another tool. */
    public String explain() {
      return chosen.tool().configName()
          + " recognised by its layout ("
          + LOOKS_FOR.get(chosen.tool())
          + ")"
          + (alsoMatched.isEmpty()
              ? ""
              : "; also matched: "
                  + alsoMatched.stream()
                      .map(MigrationTool::configName)
                      .collect(Collectors.joining(", ")))
          + "; set migrations.tool in .schemawarden.yml to choose";
    }
  }

  /** Every registered source, in a stable order (by tool). */
  public static List<MigrationSource> all() {
    return ServiceLoader.load(MigrationSource.class, MigrationSources.class.getClassLoader())
        .stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(MigrationSource::tool))
        .toList();
  }

  /** The source for {@code tool}. */
  public static MigrationSource forTool(MigrationTool tool) {
    return all().stream()
        .filter(s -> s.tool() == tool)
        .findFirst()
        .orElseThrow(
            () ->
                new WardenException(
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
    return detection(root, settings).chosen();
  }

  /**
   * The best-scoring layout under {@code root} (the first in tool order on a tie) and the others that matched.
   *
   * @throws WardenException with {@link ErrorCode#CONFIG} when no layout matches, naming what was looked for
   */
  public static Detection detection(Path root, MigrationSettings settings) {
    List<Map.Entry<MigrationSource, Integer>> matched = new ArrayList<>();
    for (MigrationSource source : all()) {
      int score = source.detect(root, settings);
      if (score > 0) {
        matched.add(Map.entry(source, score));
      }
    }
    if (matched.isEmpty()) {
      throw new WardenException(ErrorCode.CONFIG, noLayoutMessage(settings));
    }
    // stable: equal scores keep tool order
    matched.sort(Map.Entry.<MigrationSource, Integer>comparingByValue().reversed());
    return new Detection(
        matched.get(0).getKey(),
        matched.subList(1, matched.size()).stream().map(e -> e.getKey().tool()).toList());
  }

  private static String noLayoutMessage(MigrationSettings settings) {
    String where =
        settings.locations().isEmpty() ? "" : " in " + String.join(", ", settings.locations());
    return "no migrations found"
        + where
        + ". Looked for: "
        + List.of(
                MigrationTool.LIQUIBASE,
                MigrationTool.FLYWAY,
                MigrationTool.DBMATE,
                MigrationTool.GOLANG_MIGRATE,
                MigrationTool.DIESEL,
                MigrationTool.SQLX,
                MigrationTool.PLAIN)
            .stream()
            .map(LOOKS_FOR::get)
            .collect(Collectors.joining("; "))
        + ". Set migrations.tool ("
        + MigrationTool.names()
        + ") and migrations.locations (or migrations.changelog for Liquibase) in .schemawarden.yml";
  }
}
