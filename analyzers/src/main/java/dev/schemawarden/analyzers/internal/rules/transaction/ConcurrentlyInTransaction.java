package dev.schemawarden.analyzers.internal.rules.transaction;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;

/** TX101: the server refuses CONCURRENTLY (and similar) statements inside a transaction block. */
public final class ConcurrentlyInTransaction implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TX101",
          "concurrently-in-transaction",
          "Statement that cannot run in a transaction runs in one",
          Severity.ERROR,
          "A statement PostgreSQL refuses inside a transaction block (`CREATE/DROP INDEX CONCURRENTLY`,"
              + " `REINDEX CONCURRENTLY`, `VACUUM`, `DETACH PARTITION CONCURRENTLY`, ...) runs inside an"
              + " explicit `BEGIN` or the transaction the migration tool wraps the migration in.",
          "The migration fails in production with \"cannot run inside a transaction block\"; the deployment stops"
              + " half-way.",
          "Run the statement in its own migration that the tool does not wrap in a transaction.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!ctx.mustRunOutsideTransaction(s) || !ctx.facts(s).inTransaction()) {
        continue;
      }
      boolean explicit = ctx.facts(s).explicitTransaction();
      String where =
          explicit
              ? "inside the BEGIN block of " + migration.label()
              : "inside the transaction "
                  + migration.tool().configName()
                  + " wraps "
                  + migration.label()
                  + " in";
      String fix =
          explicit
              ? "-- move it after COMMIT, outside the BEGIN block:\n" + s.sql().strip() + ";"
              : ToolSettings.noTransaction(migration);
      ctx.report(
          s,
          "`" + firstWords(s.sql()) + "` cannot run in a transaction block but runs " + where,
          List.of(Fix.advice("Run it outside a transaction.", fix)));
    }
  }

  private static String firstWords(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() <= 50 ? one : one.substring(0, 50) + "…";
  }
}
