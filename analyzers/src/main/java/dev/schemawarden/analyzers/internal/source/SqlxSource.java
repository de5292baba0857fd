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
 * sqlx ({@code sqlx migrate run}, {@code sqlx::migrate!()}): {@code migrations/<version>_<description>.sql} (simple)
 * or {@code <version>_<description>.up.sql} with its {@code .down.sql} (reversible), not recursive, in ascending
 * version order. The down files are the ups' rollback plans ({@link #downs}), never migrations of the history. sqlx
 * runs each migration in a transaction unless the file starts with {@code -- no-transaction}.
 *
 * <p>The reversible form is spelled like golang-migrate's: it is detected as sqlx only when the repository also has
 * simple files or a {@code Cargo.toml} naming sqlx; otherwise set {@code migrations.tool: sqlx}.
 */
public final class SqlxSource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("migrations");
  private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*?)(\\.up|\\.down)?\\.sql$");
  private static final Pattern NO_TRANSACTION = Pattern.compile("\\A-- no-transaction");
  private static final Pattern SQLX_CRATE = Pattern.compile("(?m)^\\s*sqlx(?:[-_]\\w+)?\\s*=");

  /** {@code kind} is UP for the simple form too: both are what {@code sqlx migrate run} applies. */
  private record Script(
      String path, BigInteger version, String description, Migration.Kind kind, boolean simple) {}

  @Override
  public MigrationTool tool() {
    return MigrationTool.SQLX;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    List<Script> scripts = scripts(root, settings);
    if (scripts.isEmpty()) {
      return 0;
    }
    // Above golang-migrate (80), which reads the same .up.sql names, and below diesel (83), whose
    // ups are directories.
    boolean cargo;
    try {
      cargo =
          SourceFiles.readIfExists(root, "Cargo.toml")
              .map(t -> SQLX_CRATE.matcher(t).find())
              .orElse(false);
    } catch (RefusedFileException e) {
      cargo = false; // not evidence either way
    }
    return scripts.stream().anyMatch(Script::simple) || cargo ? 82 : 0;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    return script(relativePath, settings).filter(s -> s.kind() == Migration.Kind.UP).isPresent();
  }

  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    return script(relativePath, settings).filter(s -> s.kind() == Migration.Kind.DOWN).isPresent();
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> ups =
        scripts(root, settings).stream().filter(s -> s.kind() == Migration.Kind.UP).toList();
    if (ups.isEmpty()) {
      SourceFiles.requireMigrations(
          root,
          SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
          MigrationTool.SQLX,
          "20240101120000_create_users.sql");
    }
    return ups.stream().map(s -> migration(root, s, parser)).toList();
  }

  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> all = scripts(root, settings);
    Map<BigInteger, String> ups = new HashMap<>();
    all.stream()
        .filter(s -> s.kind() == Migration.Kind.UP)
        .forEach(s -> ups.put(s.version(), s.path()));
    return all.stream()
        .filter(s -> s.kind() == Migration.Kind.DOWN && ups.containsKey(s.version()))
        .map(s -> new DownMigration(ups.get(s.version()), migration(root, s, parser)))
        .toList();
  }

  private static Migration migration(Path root, Script s, SqlParser parser) {
    Optional<String> id = Optional.of(s.version().toString());
    String text;
    try {
      text = SourceFiles.read(root, s.path());
    } catch (RefusedFileException e) {
      return Migration.refused(
          s.path(), MigrationTool.SQLX, s.kind(), id, s.description(), e.finding());
    }
    SqlParser.ParsedSql parsed = parser.parse(s.path(), text, 1);
    return new Migration(
        s.path(),
        MigrationTool.SQLX,
        s.kind(),
        id,
        s.description(),
        !NO_TRANSACTION.matcher(text).find(),
        parsed.statements(),
        parsed.comments());
  }

  /** Every sqlx file, ups by version then downs by version; a version used twice by one kind is an input error. */
  private static List<Script> scripts(Path root, MigrationSettings settings) {
    List<String> locations = SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS);
    List<Script> out = new ArrayList<>();
    for (String f :
        SourceFiles.list(
            root, locations, false, f -> NAME.matcher(SourceFiles.fileName(f)).matches())) {
      script(f, settings).ifPresent(out::add);
    }
    out.sort(
        Comparator.comparing(Script::kind)
            .thenComparing(Script::version)
            .thenComparing(Script::path));
    Map<String, Script> seen = new HashMap<>();
    for (Script s : out) {
      Script other = seen.putIfAbsent(s.kind() + ":" + s.version(), s);
      if (other != null) {
        throw new WardenException(
            ErrorCode.INPUT,
            other.path()
                + ":1: sqlx version "
                + s.version()
                + " is used by "
                + other.path()
                + " and "
                + s.path()
                + "; renumber one of them (sqlx refuses duplicate versions)");
      }
    }
    return out;
  }

  private static Optional<Script> script(String relativePath, MigrationSettings settings) {
    if (!SourceFiles.inLocations(
        relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false)) {
      return Optional.empty();
    }
    Matcher m = NAME.matcher(SourceFiles.fileName(relativePath));
    if (!m.matches()) {
      return Optional.empty();
    }
    boolean down = ".down".equals(m.group(3));
    return Optional.of(
        new Script(
            relativePath,
            new BigInteger(m.group(1)),
            m.group(2).replace('_', ' '),
            down ? Migration.Kind.DOWN : Migration.Kind.UP,
            m.group(3) == null));
  }
}
