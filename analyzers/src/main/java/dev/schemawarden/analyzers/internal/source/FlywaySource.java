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
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Flyway SQL migrations: {@code V<version>__<desc>.sql}, {@code U<version>__<desc>.sql} (undo) and
 * {@code R__<desc>.sql} under {@code db/migration} (and {@code src/main/resources/db/migration}), scanned
 * recursively as Flyway does. Versions compare with Flyway's own {@link MigrationVersion} ({@code V1_1} equals
 * {@code V1.1}).
 *
 * <p>Order: versioned by version, then repeatables by description (Flyway's {@code info()} order), then undo
 * scripts by version, newest first (the order {@code flyway undo} would walk them).
 */
public final class FlywaySource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS =
      List.of("db/migration", "src/main/resources/db/migration");
  private static final Pattern NAME =
      Pattern.compile("^(?:([VU])([0-9]+(?:[._][0-9]+)*)|(R))__(.*)\\.sql$");

  /** A file name Flyway accepts, taken apart. */
  record FlywayName(Migration.Kind kind, Optional<MigrationVersion> version, String description) {}

  private record Script(String path, FlywayName name) {}

  @Override
  public MigrationTool tool() {
    return MigrationTool.FLYWAY;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    List<String> locations = SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS);
    long scripts =
        SourceFiles.list(root, locations, true, f -> parseName(SourceFiles.fileName(f)).isPresent())
            .size();
    return scripts > 0 ? 90 : 0;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    String p =
        relativePath.endsWith(".sql.conf")
            ? relativePath.substring(0, relativePath.length() - 5)
            : relativePath;
    return SourceFiles.inLocations(
            p, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), true)
        && parseName(SourceFiles.fileName(p)).isPresent();
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<String> locations = SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS);
    List<Script> scripts = scripts(root, locations);
    if (scripts.isEmpty()) {
      SourceFiles.requireMigrations(root, locations, MigrationTool.FLYWAY, "V1__create_users.sql");
    }
    FlywayPlaceholders placeholders = FlywayPlaceholders.of(settings.placeholders(), root);
    List<Migration> out = new ArrayList<>(scripts.size());
    for (Script s : scripts) {
      out.add(toMigration(root, s, placeholders, parser));
    }
    return List.copyOf(out);
  }

  /** Each {@code U} script whose version has a {@code V} script, with it, in ascending version order. */
  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    List<Script> scripts =
        scripts(root, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS));
    Map<MigrationVersion, String> versioned = new HashMap<>();
    scripts.stream()
        .filter(s -> s.name().kind() == Migration.Kind.VERSIONED)
        .forEach(s -> versioned.put(s.name().version().orElseThrow(), s.path()));
    FlywayPlaceholders placeholders = FlywayPlaceholders.of(settings.placeholders(), root);
    return scripts.stream()
        .filter(
            s ->
                s.name().kind() == Migration.Kind.UNDO
                    && versioned.containsKey(s.name().version().orElseThrow()))
        .sorted(Comparator.comparing((Script s) -> s.name().version().orElseThrow()))
        .map(
            s ->
                new DownMigration(
                    versioned.get(s.name().version().orElseThrow()),
                    toMigration(root, s, placeholders, parser)))
        .toList();
  }

  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    return isMigrationFile(relativePath, settings)
        && SourceFiles.fileName(relativePath).startsWith("U");
  }

  /** Every script Flyway would pick up, in {@link #ORDER}; duplicate versions are an error. */
  private static List<Script> scripts(Path root, List<String> locations) {
    List<Script> scripts = new ArrayList<>();
    for (String file : SourceFiles.list(root, locations, true, f -> f.endsWith(".sql"))) {
      parseName(SourceFiles.fileName(file)).ifPresent(n -> scripts.add(new Script(file, n)));
    }
    rejectDuplicates(scripts, Migration.Kind.VERSIONED);
    rejectDuplicates(scripts, Migration.Kind.UNDO);
    scripts.sort(ORDER);
    return scripts;
  }

  private static Migration toMigration(
      Path root, Script s, FlywayPlaceholders placeholders, SqlParser parser) {
    Properties conf;
    String text;
    try {
      conf = scriptConfig(root, s);
      text = SourceFiles.read(root, s.path());
    } catch (RefusedFileException e) {
      return Migration.refused(
          s.path(),
          MigrationTool.FLYWAY,
          s.name().kind(),
          s.name().version().map(MigrationVersion::getVersion),
          s.name().description(),
          e.finding());
    }
    if (!"false".equalsIgnoreCase(conf.getProperty("placeholderReplacement", "true").trim())) {
      text = placeholders.replace(s.path(), text);
    }
    SqlParser.ParsedSql parsed = parser.parse(s.path(), text, 1);
    String explicit = conf.getProperty("executeInTransaction");
    boolean inTransaction =
        explicit != null
            ? Boolean.parseBoolean(explicit.trim())
            : FlywayTransactions.executeInTransaction(s.path(), text, parsed.statements());
    return new Migration(
        s.path(),
        MigrationTool.FLYWAY,
        s.name().kind(),
        s.name().version().map(MigrationVersion::getVersion),
        s.name().description(),
        inTransaction,
        parsed.statements(),
        parsed.comments());
  }

  /** Flyway's per-script configuration file {@code <script>.sql.conf} (Java properties), or empty. */
  private static Properties scriptConfig(Path root, Script s) {
    String conf = s.path() + ".conf";
    Properties p = new Properties();
    Optional<String> text = SourceFiles.readIfExists(root, conf);
    if (text.isPresent()) {
      try {
        p.load(new StringReader(text.get()));
      } catch (IOException | IllegalArgumentException e) {
        throw new WardenException(
            ErrorCode.INPUT,
            conf + ": not a valid Flyway script config (key=value lines): " + e.getMessage(),
            e);
      }
    }
    return p;
  }

  private static final Comparator<Script> ORDER =
      Comparator.<Script>comparingInt(s -> rank(s.name().kind()))
          .thenComparing((a, b) -> compareWithin(a, b))
          .thenComparing(Script::path);

  private static int rank(Migration.Kind kind) {
    return switch (kind) {
      case VERSIONED -> 0;
      case REPEATABLE -> 1;
      default -> 2;
    };
  }

  private static int compareWithin(Script a, Script b) {
    return switch (a.name().kind()) {
      case VERSIONED ->
          a.name().version().orElseThrow().compareTo(b.name().version().orElseThrow());
      case UNDO -> b.name().version().orElseThrow().compareTo(a.name().version().orElseThrow());
      default -> a.name().description().compareTo(b.name().description());
    };
  }

  private static void rejectDuplicates(List<Script> scripts, Migration.Kind kind) {
    Map<MigrationVersion, Script> seen = new HashMap<>();
    for (Script s : scripts) {
      if (s.name().kind() != kind) {
        continue;
      }
      Script other = seen.putIfAbsent(s.name().version().orElseThrow(), s);
      if (other != null) {
        List<String> both = new ArrayList<>(List.of(other.path(), s.path()));
        both.sort(null);
        throw new WardenException(
            ErrorCode.INPUT,
            both.get(0)
                + ":1: Flyway "
                + (kind == Migration.Kind.UNDO ? "undo " : "")
                + "version "
                + s.name().version().orElseThrow()
                + " is used twice: "
                + both.get(0)
                + " and "
                + both.get(1)
                + "; give one of them a new version (Flyway refuses to migrate with duplicate versions)");
      }
    }
  }

  static Optional<FlywayName> parseName(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    String description = m.group(4).replace('_', ' ');
    if (m.group(3) != null) {
      return Optional.of(new FlywayName(Migration.Kind.REPEATABLE, Optional.empty(), description));
    }
    Migration.Kind kind = m.group(1).equals("V") ? Migration.Kind.VERSIONED : Migration.Kind.UNDO;
    return Optional.of(
        new FlywayName(kind, Optional.of(MigrationVersion.fromVersion(m.group(2))), description));
  }
}
