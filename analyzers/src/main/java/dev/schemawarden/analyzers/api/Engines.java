package dev.schemawarden.analyzers.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link DatabaseEngine} for a dialect name ({@code postgres}, {@code postgresql}) or a JDBC URL among
 * the engines registered through {@link ServiceLoader}. The engines are loaded once.
 */
public final class Engines {
  private Engines() {}

  private static final class Holder {
    static final List<DatabaseEngine> ALL = load();

    private static List<DatabaseEngine> load() {
      List<DatabaseEngine> engines = new ArrayList<>();
      ServiceLoader.load(DatabaseEngine.class, Engines.class.getClassLoader())
          .forEach(engines::add);
      engines.sort(
          Comparator.comparingInt(DatabaseEngine::priority)
              .reversed()
              .thenComparing(DatabaseEngine::id));
      return List.copyOf(engines);
    }
  }

  /** Every registered engine, highest priority first. */
  public static List<DatabaseEngine> all() {
    return Holder.ALL;
  }

  /**
   * The highest-priority engine that supports {@code dialectOrJdbcUrl}.
   *
   * @throws WardenException with {@link ErrorCode#CONFIG} naming the supported engines when none matches
   */
  public static DatabaseEngine forName(String dialectOrJdbcUrl) {
    for (DatabaseEngine engine : all()) {
      if (dialectOrJdbcUrl != null && engine.supports(dialectOrJdbcUrl)) {
        return engine;
      }
    }
    List<String> ids = all().stream().map(DatabaseEngine::id).toList();
    throw new WardenException(
        ErrorCode.CONFIG,
        "unknown database engine '"
            + dialectOrJdbcUrl
            + "': set engine to one of "
            + ids
            + " (postgresql and jdbc:postgresql:// URLs also select postgres, jdbc:mysql:// mysql, jdbc:mariadb://"
            + " mariadb)");
  }
}
