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

/** LK101: a plain CREATE INDEX blocks every write to an existing table until the index is built. */
public final class RequireConcurrentIndexCreation implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK101",
          "require-concurrent-index-creation",
          "CREATE INDEX without CONCURRENTLY on an existing table",
          Severity.ERROR,
          "`CREATE INDEX` without `CONCURRENTLY` on a table that existed before the change.",
          "The build holds a SHARE lock on the table: every INSERT, UPDATE and DELETE waits until the whole index"
              + " is built, minutes to hours on a large table.",
          "`CREATE INDEX CONCURRENTLY`, outside a transaction block.");

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
      if (s.change() instanceof Change.CreateIndex ci
          && !ci.concurrently()
          && !ctx.isNewTable(ci.table())) {
        String index = ci.name().map(n -> "CREATE INDEX " + n).orElse("CREATE INDEX");
        String sql = LockingSql.createIndexConcurrently(s.sql());
        Fix fix =
            ctx.facts(s).inTransaction()
                ? Fix.advice(
                    "Build it concurrently; CONCURRENTLY cannot run in a transaction, so move it to a migration"
                        + " the tool runs outside one.",
                    sql)
                : Fix.replacement("Build it concurrently: writes continue during the build.", sql);
        ctx.report(
            s,
            index
                + " on existing table "
                + ci.table()
                + " takes a SHARE lock that"
                + " blocks writes for the whole build",
            List.of(fix));
      }
    }
  }
}
