package dev.schemawarden.analyzers.internal.rules.style;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL003 (opt-in): a CREATE without {@code IF NOT EXISTS} or a DROP without {@code IF EXISTS} in a statement that
 * runs outside a transaction, where a failure half-way leaves the earlier statements applied and a retry stops
 * at the first one that already ran. Inside a transaction a failure rolls everything back, so the rule is quiet.
 */
public final class PreferRobustStatements implements LintRule {

  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "(?is)^(\\s*CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMPORARY|TEMP|UNLOGGED)\\s+)?TABLE)\\s+(?!IF\\b)");
  private static final Pattern CREATE_INDEX =
      Pattern.compile(
          "(?is)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX(?:\\s+CONCURRENTLY)?)\\s+(?!IF\\b|ON\\b)");
  private static final Pattern CREATE_EXTENSION =
      Pattern.compile("(?is)^(\\s*CREATE\\s+EXTENSION)\\s+(?!IF\\b)");
  private static final Pattern DROP =
      Pattern.compile(
          "(?is)^(\\s*DROP\\s+(?:MATERIALIZED\\s+VIEW|FOREIGN\\s+TABLE|[A-Z]+)(?:\\s+CONCURRENTLY)?)\\s+(?!IF\\b)");
  private static final Pattern ADD_COLUMN = Pattern.compile("(?i)\\b(ADD\\s+COLUMN)\\s+(?!IF\\b)");
  private static final Pattern DROP_COLUMN =
      Pattern.compile("(?i)\\b(DROP\\s+COLUMN)\\s+(?!IF\\b)");
  private static final Pattern DROP_CONSTRAINT =
      Pattern.compile("(?i)\\b(DROP\\s+CONSTRAINT)\\s+(?!IF\\b)");

  private static final RuleMeta META =
      Metas.postgres(
          "SQL003",
          "prefer-robust-statements",
          "Prefer re-runnable CREATE and DROP outside transactions",
          Severity.OFF,
          "Outside a transaction: CREATE TABLE / INDEX / EXTENSION without IF NOT EXISTS, ADD COLUMN without IF "
              + "NOT EXISTS, DROP ... without IF EXISTS, DROP COLUMN / DROP CONSTRAINT without IF EXISTS. Opt-in.",
          "When a migration that is not wrapped in a transaction fails half-way, the statements before the "
              + "failure stay applied; re-running it stops at the first one with \"already exists\" or \"does "
              + "not exist\", and someone has to repair the database by hand.",
          "Write IF NOT EXISTS / IF EXISTS so the migration can simply be re-run. For CREATE INDEX CONCURRENTLY "
              + "drop a possibly INVALID leftover index first.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (ctx.facts(stmt).inTransaction()) {
        continue;
      }
      String sql = stmt.sql().strip();
      Change c = stmt.change();
      if (c instanceof Change.CreateTable t && !t.ifNotExists()) {
        report(
            ctx,
            stmt,
            "CREATE TABLE `" + t.table() + "`",
            "already exists",
            insert(CREATE_TABLE, sql, "IF NOT EXISTS"));
      } else if (c instanceof Change.CreateIndex i && !i.ifNotExists()) {
        index(ctx, stmt, i, sql);
      } else if (c instanceof Change.CreateExtension e && !e.ifNotExists()) {
        report(
            ctx,
            stmt,
            "CREATE EXTENSION `" + e.name() + "`",
            "already exists",
            insert(CREATE_EXTENSION, sql, "IF NOT EXISTS"));
      } else if (c instanceof Change.Drop d && !d.ifExists()) {
        report(
            ctx,
            stmt,
            "DROP " + Sql.keyword(d.kind()) + " " + Sql.quoted(d.names()),
            "does not exist",
            insert(DROP, sql, "IF EXISTS"));
      } else if (c instanceof Change.AlterTable a) {
        alter(ctx, stmt, a, sql);
      }
    }
  }

  private static void index(RuleContext ctx, SqlStatement stmt, Change.CreateIndex i, String sql) {
    if (i.name().isEmpty()) {
      ctx.report(
          stmt,
          "CREATE INDEX on `"
              + i.table()
              + "` has no name: a retry creates a second, duplicate index; name it "
              + "and add IF NOT EXISTS",
          List.of());
      return;
    }
    Optional<String> robust = insert(CREATE_INDEX, sql, "IF NOT EXISTS");
    if (i.concurrently()) {
      // A failed CONCURRENTLY build leaves an INVALID index behind that IF NOT EXISTS would keep.
      QualifiedName index = new QualifiedName(i.table().schema(), i.name().get());
      robust = robust.map(s -> "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.name(index) + ";\n" + s);
    }
    report(ctx, stmt, "CREATE INDEX `" + i.name().get() + "`", "already exists", robust);
  }

  private static void alter(RuleContext ctx, SqlStatement stmt, Change.AlterTable a, String sql) {
    long adds =
        a.actions().stream()
            .filter(x -> x instanceof AlterAction.AddColumn add && !add.ifNotExists())
            .count();
    long drops =
        a.actions().stream()
            .filter(x -> x instanceof AlterAction.DropColumn d && !d.ifExists())
            .count();
    long dropKeys =
        a.actions().stream()
            .filter(x -> x instanceof AlterAction.DropConstraint d && !d.ifExists())
            .count();
    if (adds + drops + dropKeys == 0) {
      return;
    }
    // Rewrite only when every fragile action is spelled with its keyword, so each one is found.
    Optional<String> fixed = Optional.of(sql);
    fixed = fixed.flatMap(s -> insertAll(ADD_COLUMN, s, "IF NOT EXISTS", adds));
    fixed = fixed.flatMap(s -> insertAll(DROP_COLUMN, s, "IF EXISTS", drops));
    fixed = fixed.flatMap(s -> insertAll(DROP_CONSTRAINT, s, "IF EXISTS", dropKeys));
    report(
        ctx,
        stmt,
        "ALTER TABLE `" + a.table() + "`",
        adds > 0 ? "already exists" : "does not exist",
        fixed);
  }

  private static void report(
      RuleContext ctx, SqlStatement stmt, String what, String error, Optional<String> fix) {
    ctx.report(
        stmt,
        what
            + " runs outside a transaction and is not re-runnable: a retry after a partial failure stops here "
            + "with \""
            + error
            + "\"",
        fix.map(s -> List.of(Fix.replacement("Make the statement safe to run twice.", s)))
            .orElse(List.of()));
  }

  private static Optional<String> insert(Pattern p, String sql, String words) {
    Matcher m = p.matcher(sql);
    return m.find()
        ? Optional.of(sql.substring(0, m.end(1)) + " " + words + sql.substring(m.end(1)))
        : Optional.empty();
  }

  private static Optional<String> insertAll(Pattern p, String sql, String words, long expected) {
    if (expected == 0) {
      return Optional.of(sql);
    }
    Matcher m = p.matcher(sql);
    long found = m.results().count();
    return found == expected
        ? Optional.of(m.reset().replaceAll("$1 " + words + " "))
        : Optional.empty();
  }
}
