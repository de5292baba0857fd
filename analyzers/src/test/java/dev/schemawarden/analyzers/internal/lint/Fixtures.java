package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser.ParsedSql;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lints fixture SQL the way the pipeline does, with the real PostgreSQL parser. A fixture may start with header
 * comment lines the harness understands:
 *
 * <pre>
 * -- engine: mysql                 (postgres, mysql or mariadb; default postgres)
 * -- engine-version: 11            (server version the rules judge for; default: the engine's, 17 for postgres)
 * -- tool: liquibase               (flyway, liquibase, golang-migrate, dbmate, plain; default flyway)
 * -- run-in-transaction: false     (whether the tool wraps the file in a transaction; default true)
 * </pre>
 *
 * and {@code -- expect: LK101} on the line before each statement that must get that finding.
 */
final class Fixtures {

  private static final Pattern HEADER =
      Pattern.compile("^--\\s*(engine|engine-version|tool|run-in-transaction):\\s*(\\S+)\\s*$");
  static final Pattern EXPECT = Pattern.compile("^\\s*--\\s*expect:\\s*(\\S+)\\s*$");

  private Fixtures() {}

  /** The fixture folders' root, {@code src/test/resources/rules}. */
  static Path rulesDir() {
    return repoRoot().resolve("analyzers/src/test/resources/rules");
  }

  /** The repository root: the directory that holds {@code analyzers/pom.xml}. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("analyzers/pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run the tests from inside the repository");
    }
    return dir;
  }

  /** The PostgreSQL engine, as the pipeline finds it. */
  static DatabaseEngine postgres() {
    return Engines.forName("postgres");
  }

  /** The engine a fixture's {@code -- engine:} header names; PostgreSQL when none. */
  static DatabaseEngine engineOf(String sql) {
    return Engines.forName(Header.of(sql).engine());
  }

  /** What the header lines say. */
  record Header(
      String engine, ServerVersion version, MigrationTool tool, boolean runInTransaction) {
    static Header of(String sql) {
      String engine = "postgres";
      ServerVersion version = null;
      MigrationTool tool = MigrationTool.FLYWAY;
      boolean tx = true;
      for (String line : sql.split("\n", -1)) {
        Matcher m = HEADER.matcher(line.strip());
        if (m.matches()) {
          switch (m.group(1)) {
            case "engine" -> engine = m.group(2);
            case "engine-version" -> version = ServerVersion.parse(m.group(2));
            case "tool" -> tool = MigrationTool.parse(m.group(2));
            default -> tx = Boolean.parseBoolean(m.group(2));
          }
        }
      }
      return new Header(
          engine, version == null ? Engines.forName(engine).defaultVersion() : version, tool, tx);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Migration migration(DatabaseEngine engine, String path, String sql) {
    Header h = Header.of(sql);
    ParsedSql parsed = engine.parser().parse(path, sql);
    return new Migration(
        path,
        h.tool(),
        Migration.Kind.VERSIONED,
        Optional.empty(),
        "fixture",
        h.runInTransaction(),
        parsed.statements(),
        parsed.comments());
  }

  /** Lints {@code sql} as a one-migration change with every built-in rule. */
  static List<Finding> lint(DatabaseEngine engine, String path, String sql) {
    return lint(engine, path, sql, BuiltInRules.ALL);
  }

  static List<Finding> lint(DatabaseEngine engine, String path, String sql, List<LintRule> rules) {
    // Opt-in rules (default OFF) are switched on here, or their fixtures could never show a
    // finding.
    Map<String, Severity> optIn =
        rules.stream()
            .map(LintRule::meta)
            .filter(m -> m.defaultSeverity() == Severity.OFF)
            .collect(Collectors.toMap(RuleMeta::id, m -> Severity.WARNING));
    LintSettings settings = new LintSettings(Header.of(sql).version(), optIn, Set.of());
    return new LintRunner(engine, settings, rules).lint(List.of(migration(engine, path, sql)));
  }

  /** Line of each statement marked {@code -- expect: <id>}, as pairs {@code id@line}. */
  static List<String> expectations(Migration migration, String sql) {
    List<String> out = new ArrayList<>();
    String[] lines = sql.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPECT.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      int commentLine = i + 1;
      SqlStatement next =
          migration.statements().stream()
              .filter(s -> s.line() > commentLine)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          migration.path()
                              + ":"
                              + commentLine
                              + ": `-- expect:` is not followed by a statement"));
      out.add(m.group(1) + "@" + next.line());
    }
    return out;
  }
}
