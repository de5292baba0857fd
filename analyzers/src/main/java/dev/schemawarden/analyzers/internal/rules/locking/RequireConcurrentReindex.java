package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;

/** LK103: REINDEX without CONCURRENTLY (available from PostgreSQL 12) blocks writes, and reads using the index. */
public final class RequireConcurrentReindex implements LintRule {

  private static final RuleMeta META =
      Metas.since(
          12,
          Metas.postgres(
              "LK103",
              "require-concurrent-reindex",
              "REINDEX without CONCURRENTLY",
              Severity.ERROR,
              "`REINDEX INDEX|TABLE|SCHEMA|DATABASE` without `CONCURRENTLY` on PostgreSQL 12 or later.",
              "REINDEX holds a SHARE lock on the table (blocking writes) and ACCESS EXCLUSIVE on each index being"
                  + " rebuilt (blocking the queries that use it) until the rebuild ends.",
              "`REINDEX ... CONCURRENTLY`, outside a transaction block."));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("index-build", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.Reindex r
          && !r.concurrently()
          && r.target() != Change.ObjectKind.OTHER
          && !(r.target() == Change.ObjectKind.TABLE && ctx.isNewTable(r.name()))) {
        String kind = r.target().name().replace('_', ' ');
        String sql = "REINDEX " + kind + " CONCURRENTLY " + r.name() + ";";
        ctx.report(
            s,
            "REINDEX "
                + kind
                + " "
                + r.name()
                + " blocks writes to the table (and reads through the"
                + " index) until the rebuild ends",
            List.of(Fix.advice("Rebuild concurrently, outside a transaction block.", sql)));
      }
    }
  }
}
