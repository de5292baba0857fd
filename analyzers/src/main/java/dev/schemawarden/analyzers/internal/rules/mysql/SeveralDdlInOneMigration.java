package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;

/**
 * MY104: more than one DDL statement in one migration. MySQL and MariaDB commit before and after each DDL
 * statement, whatever transaction the tool opened, so a failure in the second leaves the first applied and the
 * migration recorded as failed: neither rerunnable nor undone.
 */
public final class SeveralDdlInOneMigration implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY104",
          "mysql-several-ddl-in-one-migration",
          "Several DDL statements in one migration are not atomic",
          Severity.WARNING,
          "A migration holds more than one DDL statement (CREATE, ALTER, DROP, RENAME, TRUNCATE).",
          "Each DDL statement commits on its own (implicit commit). When a later one fails, the earlier ones stay"
              + " applied, the tool records the migration as failed, and rerunning it fails on the first statement:"
              + " someone repairs the schema by hand, in production.",
          "Put each DDL statement in its own migration, or combine the changes to one table into one ALTER TABLE.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    SqlStatement first = null;
    for (SqlStatement s : migration.statements()) {
      if (!MysqlFacts.isDdl(s.change())) {
        continue;
      }
      if (first == null) {
        first = s;
        continue;
      }
      ctx.report(
          s,
          "a second DDL statement in "
              + migration.label()
              + " (the first is on line "
              + first.line()
              + "): "
              + MysqlFacts.server(ctx)
              + " commits each one on its own, so when this one fails the"
              + " earlier ones stay applied and the migration cannot simply be rerun",
          List.of());
      return;
    }
  }
}
