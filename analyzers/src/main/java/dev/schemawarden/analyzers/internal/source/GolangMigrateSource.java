package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import java.math.BigInteger;
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
 * golang-migrate: {@code <version>_<title>.up.sql} in {@code migrations/} or {@code db/migrations/} (not recursive,
 * as golang-migrate's file source), in ascending version order: what {@code migrate up} applies. The
 * {@code .down.sql} files are not migrations of the history: replaying them after the ups (as this source once did)
 * left the replica empty, and linting them as the change judged the rollback as if it were the deploy.
 *
 * <p>{@code runInTransaction} is false: the postgres driver sends the whole file as one simple-query message, which
 * PostgreSQL runs as one implicit transaction unless the file has its own BEGIN/COMMIT; that is why CREATE INDEX
 * CONCURRENTLY must be alone in its file. See docs/migration-sources.md.
 */
public final class GolangMigrateSource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("migrations", "db/migrations");
  private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*)\\.(up|down)\\.sql$");

  private record Script(String path, BigInteger version, String title, boolean up) {}

  @Override
  public MigrationTool tool() {
    return MigrationTool.GOLANG_MIGRATE;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    return scripts(root, settings).isEmpty() ? 0 : 80;
  }

  /** Only up files: a changed down file changes no database that runs {@code migrate up}. */
  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    Matcher m = NAME.matcher(SourceFiles.fileName(relativePath));
    return SourceFiles.inLocations(
            relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false)
        && m.matches()
        && m.group(3).equals("up");
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> all = scripts(root, settings);
    rejectDuplicates(all);
    List<Script> scripts = all.stream().filter(Script::up).toList();
    if (scripts.isEmpty()) {
      SourceFiles.requireMigrations(
          root,
          SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
          MigrationTool.GOLANG_MIGRATE,
          "1_create_users.up.sql");
    }
    return scripts.stream().map(s -> migration(root, s, parser)).toList();
  }

  /** Each {@code .down.sql} whose version has an up file, with that up, in the ups' (ascending) order. */
  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> all = scripts(root, settings);
    Map<BigInteger, String> ups = new HashMap<>();
    all.stream().filter(Script::up).forEach(s -> ups.putIfAbsent(s.version(), s.path()));
    return all.stream()
        .filter(s -> !s.up() && ups.containsKey(s.version()))
        .sorted(Comparator.comparing(Script::version))
        .map(s -> new DownMigration(ups.get(s.version()), migration(root, s, parser)))
        .toList();
  }

  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    Matcher m = NAME.matcher(SourceFiles.fileName(relativePath));
    return SourceFiles.inLocations(
            relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false)
        && m.matches()
        && m.group(3).equals("down");
  }

  private static Migration migration(Path root, Script s, SqlParser parser) {
    Migration.Kind kind = s.up() ? Migration.Kind.UP : Migration.Kind.DOWN;
    Optional<String> id = Optional.of(s.version().toString());
    String text;
    try {
      text = SourceFiles.read(root, s.path());
    } catch (RefusedFileException e) {
      return Migration.refused(
          s.path(), MigrationTool.GOLANG_MIGRATE, kind, id, s.title(), e.finding());
    }
    SqlParser.ParsedSql parsed = parser.parse(s.path(), text, 1);
    return new Migration(
        s.path(),
        MigrationTool.GOLANG_MIGRATE,
        kind,
        id,
        s.title(),
        false,
        parsed.statements(),
        parsed.comments());
  }

  private static List<Script> scripts(Path root, MigrationSettings settings) {
    List<Script> out = new ArrayList<>();
    List<String> locations = SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS);
    for (String f :
        SourceFiles.list(
            root, locations, false, f -> NAME.matcher(SourceFiles.fileName(f)).matches())) {
      Matcher m = NAME.matcher(SourceFiles.fileName(f));
      if (m.matches()) {
        out.add(new Script(f, new BigInteger(m.group(1)), m.group(2), m.group(3).equals("up")));
      }
    }
    out.sort(
        Comparator.comparing((Script s) -> !s.up())
            .thenComparing(
                (a, b) ->
                    a.up()
                        ? a.version().compareTo(b.version())
                        : b.version().compareTo(a.version()))
            .thenComparing(Script::path));
    return out;
  }

  private static void rejectDuplicates(List<Script> scripts) {
    Map<String, Script> seen = new HashMap<>();
    for (Script s : scripts) {
      Script other = seen.putIfAbsent(s.version() + (s.up() ? "up" : "down"), s);
      if (other != null) {
        throw new WardenException(
            ErrorCode.INPUT,
            other.path()
                + ":1: golang-migrate version "
                + s.version()
                + " has two "
                + (s.up() ? "up" : "down")
                + " files: "
                + other.path()
                + " and "
                + s.path()
                + "; renumber one of them");
      }
    }
  }
}
