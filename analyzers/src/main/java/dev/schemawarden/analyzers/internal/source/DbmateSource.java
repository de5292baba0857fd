package dev.schemawarden.analyzers.internal.source;

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
 * The down section is neither history nor change (it runs only on {@code dbmate rollback}). dbmate wraps the
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
    return SourceFiles.inLocations(relativePath, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false)
        && NAME.matcher(SourceFiles.fileName(relativePath)).matches();
  }

  @Override
  public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
    List<Migration> ups = new ArrayList<>();
    List<String> files = files(root, settings);
    if (files.isEmpty()) {
      SourceFiles.requireMigrations(root, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS),
          MigrationTool.DBMATE, "20240101120000_create_users.sql");
    }
    for (String path : files) {
      Matcher name = NAME.matcher(SourceFiles.fileName(path));
      name.matches();
      String text;
      try {
        text = SourceFiles.read(root, path);
      } catch (RefusedFileException e) {
        ups.add(Migration.refused(path, MigrationTool.DBMATE, Migration.Kind.UP,
            Optional.of(new BigInteger(name.group(1)).toString()), name.group(2).replace('_', ' '), e.finding()));
        continue;
      }
      for (Section s : sections(path, text)) {
        if (!s.up()) {
          continue;
        }
        SqlParser.ParsedSql parsed = parser.parse(path, s.sql(), s.firstLine());
        Migration m = new Migration(
            path,
            MigrationTool.DBMATE,
            Migration.Kind.UP,
            Optional.of(new BigInteger(name.group(1)).toString()),
            name.group(2).replace('_', ' '),
            s.transaction(),
            parsed.statements(),
            parsed.comments());
        ups.add(m);
      }
    }
    return List.copyOf(ups);
  }

  private static List<Section> sections(String path, String text) {
    Matcher m = DIRECTIVE.matcher(text);
    List<int[]> marks = new ArrayList<>(); // {directiveStart, bodyStart, up?1:0, transaction?1:0}
    while (m.find()) {
      boolean transaction = !m.group(2).replace(" ", "").contains("transaction:false");
      int bodyStart = m.end() < text.length() ? m.end() + 1 : m.end();
      marks.add(new int[] {m.start(), bodyStart, m.group(1).equals("up") ? 1 : 0, transaction ? 1 : 0});
    }
    if (marks.stream().noneMatch(k -> k[2] == 1)) {
      throw new WardenException(
          ErrorCode.INPUT,
          path + ":1: dbmate migration has no '-- migrate:up' line; add one before the statements to apply");
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
    List<String> files = new ArrayList<>(SourceFiles.list(
        root, SourceFiles.locations(settings.locations(), DEFAULT_LOCATIONS), false,
        f -> NAME.matcher(SourceFiles.fileName(f)).matches()));
    files.sort(Comparator.comparing(SourceFiles::fileName, NaturalOrder.INSTANCE));
    return files;
  }
}
