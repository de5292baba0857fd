package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.SqlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL files run in order by hand or with {@code psql -f}: every {@code *.sql} below the locations, ordered by
 * natural (numeric-aware) relative path. {@code runInTransaction} is false because psql autocommits each statement
 * unless the file says BEGIN. Lowest detection priority: any directory of SQL files looks like this.
 */
public final class PlainDirectorySource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("migrations", "db/migrations", "sql", "db");

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
        && SourceFiles.inLocations(relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), true);
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<Migration> out = new ArrayList<>();
    for (String path : files(root, settings)) {
      String name = SourceFiles.fileName(path);
      String description = name.substring(0, name.length() - ".sql".length());
      String text;
      try {
        text = SourceFiles.read(root, path);
      } catch (RefusedFileException e) {
        out.add(Migration.refused(path, MigrationTool.PLAIN, Migration.Kind.PLAIN, Optional.empty(), description,
            e.finding()));
        continue;
      }
      SqlParser.ParsedSql parsed = parser.parse(path, text, 1);
      out.add(new Migration(
          path,
          MigrationTool.PLAIN,
          Migration.Kind.PLAIN,
          Optional.empty(),
          description,
          false,
          parsed.statements(),
          parsed.comments()));
    }
    return List.copyOf(out);
  }

  private static List<String> files(Path root, MigrationSettings settings) {
    List<String> files = new ArrayList<>(SourceFiles.list(
        root, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), true, f -> f.endsWith(".sql")));
    files.sort(NaturalOrder.INSTANCE);
    return files;
  }
}
