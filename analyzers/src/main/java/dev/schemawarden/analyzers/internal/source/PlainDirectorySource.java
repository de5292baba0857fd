package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.SqlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain SQL files run in order by hand or with {@code psql -f}: every {@code *.sql} below the locations, ordered by
 * natural (numeric-aware) relative path. {@code runInTransaction} is false because psql autocommits each statement
 * unless the file says BEGIN. Lowest detection priority: any directory of SQL files looks like this.
 *
 * <p>Pairs: {@code x.down.sql} (or {@code x_down.sql}, {@code x-down.sql}) next to {@code x.up.sql} (same separator)
 * is the up's rollback plan, not a migration of the history. A down-named file with no up next to it stays a
 * migration: a name alone must not take a file out of the review.
 */
public final class PlainDirectorySource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("migrations", "db/migrations", "sql", "db");
  private static final Pattern DOWN = Pattern.compile("^(.*[^/])([._-])down\\.sql$");

  @Override
  public MigrationTool tool() {
    return MigrationTool.PLAIN;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    return files(root, settings).isEmpty() ? 0 : 10;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    return relativePath.endsWith(".sql")
        && SourceFiles.inLocations(
            relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), true);
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<String> files = files(root, settings);
    Set<String> present = new HashSet<>(files);
    return files.stream()
        .filter(f -> upOf(f).filter(present::contains).isEmpty())
        .map(f -> migration(root, f, Migration.Kind.PLAIN, parser))
        .toList();
  }

  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    List<String> files = files(root, settings);
    Set<String> present = new HashSet<>(files);
    List<DownMigration> out = new ArrayList<>();
    for (String f : files) {
      Optional<String> up = upOf(f).filter(present::contains);
      up.ifPresent(
          u -> out.add(new DownMigration(u, migration(root, f, Migration.Kind.DOWN, parser))));
    }
    out.sort(Comparator.comparing(DownMigration::upPath, NaturalOrder.INSTANCE));
    return List.copyOf(out);
  }

  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    return isMigrationFile(relativePath, settings) && upOf(relativePath).isPresent();
  }

  /** {@code dir/x.up.sql} for {@code dir/x.down.sql} (also {@code _} and {@code -}); empty for any other name. */
  static Optional<String> upOf(String path) {
    Matcher m = DOWN.matcher(path);
    return m.matches() ? Optional.of(m.group(1) + m.group(2) + "up.sql") : Optional.empty();
  }

  private static Migration migration(
      Path root, String path, Migration.Kind kind, SqlParser parser) {
    String name = SourceFiles.fileName(path);
    String description = name.substring(0, name.length() - ".sql".length());
    String text;
    try {
      text = SourceFiles.read(root, path);
    } catch (RefusedFileException e) {
      return Migration.refused(
          path, MigrationTool.PLAIN, kind, Optional.empty(), description, e.finding());
    }
    SqlParser.ParsedSql parsed = parser.parse(path, text, 1);
    return new Migration(
        path,
        MigrationTool.PLAIN,
        kind,
        Optional.empty(),
        description,
        false,
        parsed.statements(),
        parsed.comments());
  }

  private static List<String> files(Path root, MigrationSettings settings) {
    List<String> files =
        new ArrayList<>(
            SourceFiles.list(
                root,
                SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
                true,
                f -> f.endsWith(".sql")));
    files.sort(NaturalOrder.INSTANCE);
    return files;
  }
}
