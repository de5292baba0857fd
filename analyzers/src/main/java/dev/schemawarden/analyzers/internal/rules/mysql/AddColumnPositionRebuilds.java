package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import dev.schemawarden.analyzers.internal.mysql.MysqlFlavor;
import java.util.List;
import java.util.Optional;

/**
 * MY102: {@code ADD COLUMN ... FIRST|AFTER x} on a server where only the last position is instant (MySQL 8.0.12 to
 * 8.0.28, MariaDB 10.3): the table is rebuilt instead of changed in metadata.
 */
public final class AddColumnPositionRebuilds implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY102",
          "mysql-add-column-position-rebuilds",
          "ADD COLUMN FIRST/AFTER rebuilds the table on this version",
          Severity.WARNING,
          "ADD COLUMN with FIRST or AFTER on an existing table, judged for MySQL before 8.0.29 or MariaDB before 10.4,"
              + " where INSTANT only adds a column as the last one.",
          "The table is rebuilt in place: every row is rewritten, the disk needs room for a second copy, the replicas"
              + " replay the rebuild and lag, instead of a metadata change that takes milliseconds.",
          "Add the column last (drop FIRST/AFTER; order columns in the SELECT list, not the table), or upgrade to MySQL"
              + " 8.0.29 / MariaDB 10.4, where any position is instant. MySQL allows 64 instant row versions per table:"
              + " past them, a rebuild (OPTIMIZE TABLE) is needed first.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    boolean maria = MysqlFacts.flavor(ctx) == MysqlFlavor.MARIADB;
    boolean instantLast =
        maria ? ctx.serverVersion().atLeast(10, 3, 0) : ctx.serverVersion().atLeast(8, 0, 12);
    boolean instantAny =
        maria ? ctx.serverVersion().atLeast(10, 4, 0) : ctx.serverVersion().atLeast(8, 0, 29);
    if (!instantLast || instantAny) {
      return;
    }
    for (SqlStatement s : migration.statements()) {
      Optional<MysqlAlter> alter = MysqlFacts.alterOfExisting(ctx, migration, s);
      for (MysqlAlter.Clause c : alter.map(MysqlAlter::clauses).orElse(List.of())) {
        if (c.op() != MysqlAlter.Op.ADD_COLUMN
            || c.column().flatMap(col -> col.position()).isEmpty()) {
          continue;
        }
        String position = c.column().get().position().get();
        String fixed =
            s.sql()
                .strip()
                .replaceAll("(?is)\\s+(first|after\\s+(`[^`]*`|\\S+?))(?=\\s*(,|$))", "");
        ctx.report(
            s,
            "ADD COLUMN `"
                + c.name().orElse("?")
                + "` "
                + position.toUpperCase(java.util.Locale.ROOT)
                + " rebuilds `"
                + alter.get().table()
                + "` on "
                + MysqlFacts.server(ctx)
                + ": only a column added last is instant before "
                + (maria ? "MariaDB 10.4" : "MySQL 8.0.29"),
            List.of(
                Fix.replacement("Add the column last: instant, a metadata change.", fixed + ";")));
      }
    }
  }
}
