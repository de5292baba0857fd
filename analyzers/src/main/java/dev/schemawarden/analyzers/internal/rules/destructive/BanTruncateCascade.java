package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * DS106: {@code TRUNCATE ... CASCADE}. Skipped only when every named table is new in this change: then no
 * pre-existing table can reference it yet.
 */
public final class BanTruncateCascade implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS106",
          "ban-truncate-cascade",
          "TRUNCATE ... CASCADE",
          Severity.ERROR,
          "TRUNCATE with the CASCADE option on a table that existed before this change.",
          "CASCADE also empties every table with a foreign key to the named tables, and every table referencing "
              + "those, recursively; the statement does not say which tables those are, and a foreign key added "
              + "later silently widens it.",
          "Name every table to empty explicitly, without CASCADE: PostgreSQL then refuses if a table you did not "
              + "name still references one you did.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Truncate t) || !t.cascade()) {
        continue;
      }
      if (t.tables().stream().allMatch(n -> Earlier.newTable(ctx, migration, stmt, n))) {
        continue;
      }
      String restrict =
          "TRUNCATE " + Sql.names(t.tables()) + (t.restartIdentity() ? " RESTART IDENTITY" : "");
      ctx.report(
          stmt,
          "TRUNCATE "
              + Sql.quoted(t.tables())
              + " CASCADE also empties every table that references "
              + (t.tables().size() == 1 ? "it" : "them")
              + " through a foreign key, recursively",
          List.of(
              Fix.replacement(
                  "Truncate only the tables you name; list any referencing table explicitly if it must be emptied too.",
                  restrict)));
    }
  }
}
