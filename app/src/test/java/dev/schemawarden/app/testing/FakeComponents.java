package dev.schemawarden.app.testing;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.review.Components;
import dev.schemawarden.app.review.ReviewService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Small stand-ins for the parser, the Flyway source and the linter, so the CLI, config and git plumbing are tested
 * on their own: one statement per {@code ;}, Flyway files {@code V<n>__*.sql} under {@code db/migration}, and one
 * rule ({@code LK101}: CREATE INDEX without CONCURRENTLY).
 */
public final class FakeComponents {
  private FakeComponents() {}

  public static final RuleMeta LK101 =
      new RuleMeta(
          "LK101",
          "require-concurrent-index-creation",
          "Create indexes concurrently",
          Severity.ERROR,
          Set.of("postgres"),
          "c",
          "e",
          "w",
          Optional.empty(),
          Optional.empty());

  public static Components components() {
    return new Components(id -> ENGINE, SOURCES, FakeComponents::lint, () -> List.of(LK101));
  }

  public static CliContext context(PrintStream out, PrintStream err) {
    ReviewService service = dev.schemawarden.app.testing.Reviews.staticOnly(components());
    return new CliContext(out, err, service, dev.schemawarden.app.Main.renderers(service), false);
  }

  private static List<Finding> lint(List<Migration> migrations, Components.LintOptions options) {
    Severity severity = options.severities().getOrDefault("LK101", Severity.ERROR);
    List<Finding> out = new ArrayList<>();
    if (severity == Severity.OFF) {
      return out;
    }
    for (Migration m : migrations) {
      for (SqlStatement s : m.statements()) {
        if (s.change() instanceof Change.CreateIndex ci && !ci.concurrently()) {
          out.add(
              new Finding(
                  "LK101",
                  severity,
                  s.span(),
                  "CREATE INDEX on " + ci.table() + " blocks writes",
                  Optional.empty(),
                  List.of(
                      Fix.replacement(
                          "build it concurrently",
                          s.sql().replaceFirst("(?i)INDEX", "INDEX CONCURRENTLY"))),
                  s.sql()));
        }
      }
    }
    return out;
  }

  private static final Pattern INDEX =
      Pattern.compile("(?is)\\s*CREATE\\s+INDEX\\s+(CONCURRENTLY\\s+)?(\\w+)\\s+ON\\s+(\\w+).*");

  static final SqlParser PARSER =
      (path, sql, firstLine) -> {
        List<SqlStatement> statements = new ArrayList<>();
        int line = firstLine;
        int index = 0;
        for (String part : sql.split(";", -1)) {
          String trimmed = part.strip();
          int lead =
              (int)
                  part.substring(0, part.indexOf(trimmed.isEmpty() ? part : trimmed))
                      .chars()
                      .filter(c -> c == '\n')
                      .count();
          if (!trimmed.isEmpty()) {
            int start = line + lead;
            int end = start + (int) trimmed.chars().filter(c -> c == '\n').count();
            Matcher m = INDEX.matcher(trimmed);
            Change change =
                m.matches()
                    ? new Change.CreateIndex(
                        Optional.of(m.group(2)),
                        QualifiedName.of(m.group(3)),
                        false,
                        m.group(1) != null,
                        false,
                        List.of(),
                        Optional.empty(),
                        false)
                    : new Change.Other(
                        trimmed.split("\\s+")[0].toUpperCase(Locale.ROOT),
                        Change.ObjectKind.OTHER,
                        Optional.empty());
            statements.add(
                new SqlStatement(
                    index++,
                    trimmed,
                    new SourceSpan(path, start, 1, end, 1),
                    change,
                    SqlStatement.ParsedBy.CLASSIFIER,
                    Optional.empty()));
          }
          line += (int) part.chars().filter(c -> c == '\n').count();
        }
        return new SqlParser.ParsedSql(statements, List.of());
      };

  static final DatabaseEngine ENGINE =
      new DatabaseEngine() {
        @Override
        public String id() {
          return "postgres";
        }

        @Override
        public boolean supports(String dialectOrJdbcUrl) {
          return dialectOrJdbcUrl.startsWith("postgres");
        }

        @Override
        public SqlParser parser() {
          return PARSER;
        }

        @Override
        public boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version) {
          return statement.change() instanceof Change.CreateIndex ci && ci.concurrently();
        }

        @Override
        public List<PredictedLock> predictLocks(Change change, ServerVersion version) {
          if (change instanceof Change.CreateIndex ci) {
            return List.of(
                new PredictedLock(
                    ci.table(),
                    ci.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE,
                    false,
                    true));
          }
          return List.of();
        }
      };

  private static final Pattern VERSIONED = Pattern.compile("([VR])(\\d*)__(.+)\\.sql");

  static final MigrationSource FLYWAY =
      new MigrationSource() {
        @Override
        public MigrationTool tool() {
          return MigrationTool.FLYWAY;
        }

        @Override
        public int detect(Path root, MigrationSettings settings) {
          return Files.isDirectory(root.resolve("db/migration")) ? 10 : 0;
        }

        @Override
        public List<Migration> load(Path root, MigrationSettings settings, SqlParser parser) {
          Path dir = root.resolve("db/migration");
          if (!Files.isDirectory(dir)) {
            return List.of();
          }
          try (Stream<Path> files = Files.list(dir)) {
            return files
                .filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                .map(
                    p -> {
                      String rel = root.relativize(p).toString().replace('\\', '/');
                      Matcher m = VERSIONED.matcher(p.getFileName().toString());
                      m.matches();
                      try {
                        SqlParser.ParsedSql parsed = parser.parse(rel, Files.readString(p));
                        return new Migration(
                            rel,
                            MigrationTool.FLYWAY,
                            m.group(1).equals("R")
                                ? Migration.Kind.REPEATABLE
                                : Migration.Kind.VERSIONED,
                            m.group(2).isEmpty() ? Optional.empty() : Optional.of(m.group(2)),
                            m.group(3),
                            true,
                            parsed.statements(),
                            parsed.comments());
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })
                .toList();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public boolean isMigrationFile(String relativePath, MigrationSettings settings) {
          return relativePath.startsWith("db/migration/")
              && VERSIONED.matcher(relativePath.substring("db/migration/".length())).matches();
        }
      };

  static final Components.Sources SOURCES =
      new Components.Sources() {
        @Override
        public MigrationSource forTool(MigrationTool tool) {
          return FLYWAY;
        }

        @Override
        public Optional<MigrationSources.Detection> detect(Path root, MigrationSettings settings) {
          return FLYWAY.detect(root, settings) > 0
              ? Optional.of(new MigrationSources.Detection(FLYWAY, List.of()))
              : Optional.empty();
        }
      };
}
