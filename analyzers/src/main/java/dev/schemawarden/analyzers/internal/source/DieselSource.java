package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * diesel: {@code migrations/<version>_<name>/up.sql} (with {@code down.sql} and an optional {@code metadata.toml}),
 * one directory per migration. The version is the directory name before the first {@code _}, written
 * {@code 20140924113530}, {@code 2017-08-31-230457} or {@code 2026-07-15-182934-0000}; diesel drops the dashes (that
 * is the version it records in {@code __diesel_schema_migrations}) and orders the results as text, so all forms
 * share one key and sort together. As text, not as numbers: {@code 201708312304570000} (with the newer sub-second
 * suffix) comes before {@code 20260715182934}. Only {@code up.sql}
 * is a migration: {@code diesel migration run} never runs {@code down.sql}. Each migration runs in a transaction
 * unless its {@code metadata.toml} says {@code run_in_transaction = false}.
 */
public final class DieselSource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("migrations");
  private static final Pattern DIRECTORY = Pattern.compile("^([0-9][0-9-]*)_(.+)$");
  private static final Pattern NO_TRANSACTION =
      Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\s*(#.*)?$");

  private record Script(String path, String directory, String version, String name) {}

  @Override
  public MigrationTool tool() {
    return MigrationTool.DIESEL;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    // Above golang-migrate (flat *.up.sql files, never directories) and plain, which would read
    // down.sql too.
    return scripts(root, settings).isEmpty() ? 0 : 83;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    return script(relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS))
        .isPresent();
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> scripts = scripts(root, settings);
    if (scripts.isEmpty()) {
      SourceFiles.requireMigrations(
          root,
          SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
          MigrationTool.DIESEL,
          "2017-08-31-230457_create_users/up.sql");
    }
    rejectDuplicates(scripts);
    return scripts.stream()
        .map(s -> migration(root, s, s.path(), Migration.Kind.UP, parser))
        .toList();
  }

  /** Each migration's {@code down.sql}, next to its {@code up.sql}, in version order. */
  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    List<DownMigration> out = new ArrayList<>();
    for (Script s : scripts(root, settings)) {
      String down = s.directory() + "/down.sql";
      if (RepositoryFiles.lookup(root, down) instanceof RepositoryFiles.Missing) {
        continue;
      }
      out.add(new DownMigration(s.path(), migration(root, s, down, Migration.Kind.DOWN, parser)));
    }
    return List.copyOf(out);
  }

  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    String p = SourceFiles.normalizeLocation(relativePath);
    return p.endsWith("/down.sql")
        && isMigrationFile(p.substring(0, p.length() - "down.sql".length()) + "up.sql", settings);
  }

  /** {@code file} (the up.sql or down.sql of {@code s}) as a migration; metadata.toml decides the transaction. */
  private static Migration migration(
      Path root, Script s, String file, Migration.Kind kind, SqlParser parser) {
    Optional<String> id = Optional.of(s.version());
    String description = s.name().replace('_', ' ');
    String text;
    boolean inTransaction;
    try {
      text = SourceFiles.read(root, file);
      inTransaction =
          SourceFiles.readIfExists(root, s.directory() + "/metadata.toml")
              .map(toml -> !NO_TRANSACTION.matcher(toml).find())
              .orElse(true);
    } catch (RefusedFileException e) {
      return Migration.refused(file, MigrationTool.DIESEL, kind, id, description, e.finding());
    }
    SqlParser.ParsedSql parsed = parser.parse(file, text, 1);
    return new Migration(
        file,
        MigrationTool.DIESEL,
        kind,
        id,
        description,
        inTransaction,
        parsed.statements(),
        parsed.comments());
  }

  /** {@code 2017-08-31-230457} and {@code 20170831230457} are the same version, as diesel records it. */
  static String version(String written) {
    return written.replace("-", "");
  }

  private static List<Script> scripts(Path root, MigrationSettings settings) {
    List<String> locations = SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS);
    List<Script> out = new ArrayList<>();
    for (String f : SourceFiles.list(root, locations, true, f -> f.endsWith("/up.sql"))) {
      script(f, locations).ifPresent(out::add);
    }
    out.sort(
        Comparator.comparing(Script::version).thenComparing(Script::path, NaturalOrder.INSTANCE));
    return out;
  }

  /** {@code <location>/<version>_<name>/up.sql}, taken apart; anything else (down.sql, deeper files) is not one. */
  private static Optional<Script> script(String relativePath, List<String> locations) {
    String p = SourceFiles.normalizeLocation(relativePath);
    if (!p.endsWith("/up.sql")) {
      return Optional.empty();
    }
    String directory = p.substring(0, p.length() - "/up.sql".length());
    if (!SourceFiles.inLocations(directory, locations, false)) {
      return Optional.empty();
    }
    Matcher m = DIRECTORY.matcher(SourceFiles.fileName(directory));
    if (!m.matches() || m.group(1).replace("-", "").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Script(p, directory, version(m.group(1)), m.group(2)));
  }

  private static void rejectDuplicates(List<Script> scripts) {
    Map<String, Script> seen = new HashMap<>();
    for (Script s : scripts) {
      Script other = seen.putIfAbsent(s.version(), s);
      if (other != null) {
        throw new WardenException(
            ErrorCode.INPUT,
            s.path()
                + ":1: diesel version "
                + s.version()
                + " is used by "
                + other.directory()
                + " and "
                + s.directory()
                + " (dashes do not count); renumber one of them");
      }
    }
  }
}
