package dev.schemawarden.analyzers.internal.rules.destructive;

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
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.stream.Collectors;

/** DS105: {@code TRUNCATE} of a table that existed before this change. */
public final class BanTruncate implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS105",
          "ban-truncate",
          "Truncating a table",
          Severity.ERROR,
          "TRUNCATE names a table that was not created earlier in the same change.",
          "Every row is deleted at once, without per-row triggers, and the table is held under an ACCESS "
              + "EXCLUSIVE lock until the migration's transaction ends, blocking every read and write.",
          "If the rows must go, keep a copy you can restore from first, and get the deletion approved as a data "
              + "change rather than a schema change.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Truncate t)) {
        continue;
      }
      List<QualifiedName> existing =
          t.tables().stream().filter(n -> !Earlier.newTable(ctx, migration, stmt, n)).toList();
      if (existing.isEmpty()) {
        continue;
      }
      String backup =
          existing.stream()
              .map(
                  n ->
                      "CREATE TABLE "
                          + Sql.name(Sql.sibling(n, Sql.suffixed(n.name(), "backup")))
                          + " AS TABLE "
                          + Sql.name(n)
                          + ";")
              .collect(Collectors.joining("\n"));
      ctx.report(
          stmt,
          "TRUNCATE "
              + Sql.quoted(existing)
              + " deletes every row and locks "
              + (existing.size() == 1 ? "the table" : "the tables")
              + " ACCESS EXCLUSIVE until commit",
          List.of(
              Fix.advice(
                  "Keep a restorable copy before deleting the rows (mind its size and disk space).",
                  backup + "\n" + stmt.sql().strip() + ";")));
    }
  }
}
