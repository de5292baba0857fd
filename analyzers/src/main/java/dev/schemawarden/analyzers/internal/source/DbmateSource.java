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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate: {@code db/migrations/<version>_<name>.sql}, each holding a {@code -- migrate:up} section and optionally a
 * {@code -- migrate:down} section; either may carry {@code transaction:false}. One file gives one UP migration: the
 * up section, statements on their exact lines, in ascending version order, which is what {@code dbmate up} runs.
 * The down section is neither history nor change (it runs only on {@code dbmate rollback}): it is the up's
 * rollback plan ({@link #downs}). dbmate wraps the
 * section in a transaction unless it says {@code transaction:false}.
 */
public final class DbmateSource implements MigrationSource {
  static final List<String> DEFAULT_LOCATIONS = List.of("db/migrations");
  private static final Pattern NAME = Pattern.compile("^([0-9]+)_?(.*)\\.sql$");
  private static final Pattern DIRECTIVE =
      Pattern.compile("^--\\s*migrate:(up|down)\\b(.*)$", Pattern.MULTILINE);

  private record Section(boolean up, int firstLine, String sql, boolean transaction) {}

  @Override
  public MigrationTool tool() {
    return MigrationTool.DBMATE;
  }

  @Override
  public int detect(Path root, MigrationSettings settings) {
    for (String f : files(root, settings)) {
      try {
        if (DIRECTIVE.matcher(SourceFiles.read(root, f)).find()) {
          return 85;
        }
      } catch (RefusedFileException e) {
        // not evidence either way; load reports it
      }
    }
    return 0;
  }

  @Override
  public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
    return SourceFiles.inLocations(
            relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false)
        && NAME.matcher(SourceFiles.fileName(relativePath)).matches();
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<String> files = files(root, settings);
    if (files.isEmpty()) {
      SourceFiles.requireMigrations(
          root,
          SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
          MigrationTool.DBMATE,
          "20240101120000_create_users.sql");
    }
    return files.stream().flatMap(path -> sectionsOf(root, path, parser, true).stream()).toList();
  }

  /** The down sections, each with its own file as the up; a file with no down section has none. */
  @Override
  public List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    return files(root, settings).stream()
        .flatMap(path -> sectionsOf(root, path, parser, false).stream())
        .map(m -> new DownMigration(m.path(), m))
        .toList();
  }

  /** A dbmate file holds its down section too. */
  @Override
  public boolean isDownFile(String relativePath, MigrationSettings settings) {
    return isMigrationFile(relativePath, settings);
  }

  /** The up (or down) sections of one file; a refused file is one refused up and no down. */
  private static List<Migration> sectionsOf(Path root, String path, SqlParser parser, boolean up) {
    Matcher name = NAME.matcher(SourceFiles.fileName(path));
    name.matches();
    Optional<String> id = Optional.of(new BigInteger(name.group(1)).toString());
    String description = name.group(2).replace('_', ' ');
    Migration.Kind kind = up ? Migration.Kind.UP : Migration.Kind.DOWN;
    String text;
    try {
      text = SourceFiles.read(root, path);
    } catch (RefusedFileException e) {
      return up
          ? List.of(
              Migration.refused(path, MigrationTool.DBMATE, kind, id, description, e.finding()))
          : List.of();
    }
    List<Migration> out = new ArrayList<>();
    for (Section s : sections(path, text)) {
      if (s.up() == up) {
        SqlParser.ParsedSql parsed = parser.parse(path, s.sql(), s.firstLine());
        out.add(
            new Migration(
                path,
                MigrationTool.DBMATE,
                kind,
                id,
                description,
                s.transaction(),
                parsed.statements(),
                parsed.comments()));
      }
    }
    return out;
  }

  private static List<Section> sections(String path, String text) {
    Matcher m = DIRECTIVE.matcher(text);
    List<int[]> marks = new ArrayList<>(); // {directiveStart, bodyStart, up?1:0, transaction?1:0}
    while (m.find()) {
      boolean transaction = !m.group(2).replace(" ", "").contains("transaction:false");
      int bodyStart = m.end() < text.length() ? m.end() + 1 : m.end();
      marks.add(
          new int[] {m.start(), bodyStart, m.group(1).equals("up") ? 1 : 0, transaction ? 1 : 0});
    }
    if (marks.stream().noneMatch(k -> k[2] == 1)) {
      throw new WardenException(
          ErrorCode.INPUT,
          path
              + ":1: dbmate migration has no '-- migrate:up' line; add one before the statements to apply");
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      int[] k = marks.get(i);
      int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length();
      String body = k[1] <= end ? text.substring(k[1], end) : "";
      out.add(new Section(k[2] == 1, SourceFiles.lineOf(text, k[1]), body, k[3] == 1));
    }
    return out;
  }

  private static List<String> files(Path root, MigrationSettings settings) {
    List<String> files =
        new ArrayList<>(
            SourceFiles.list(
                root,
                SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
                false,
                f -> NAME.matcher(SourceFiles.fileName(f)).matches()));
    files.sort(Comparator.comparing(SourceFiles::fileName, NaturalOrder.INSTANCE));
    return files;
  }
}
