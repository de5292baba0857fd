package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;
import java.util.Optional;

/** LK114: VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE. */
public final class VacuumFullOrCluster implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK114",
          "vacuum-full-or-cluster",
          "VACUUM FULL or CLUSTER in a migration",
          Severity.ERROR,
          "`VACUUM FULL` or `CLUSTER` of an existing table (or of every table, when none is named).",
          "Both rewrite the whole table and its indexes under ACCESS EXCLUSIVE: no reads or writes until done.",
          "Use pg_repack (or pg_squeeze), which rewrites online, outside the migration.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("rewrite", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      String what;
      Optional<QualifiedName> table;
      if (s.change() instanceof Change.Vacuum v && v.full()) {
        List<QualifiedName> existing = v.tables().stream().filter(t -> !ctx.isNewTable(t)).toList();
        if (!v.tables().isEmpty() && existing.isEmpty()) {
          continue;
        }
        what = "VACUUM FULL";
        table = existing.stream().findFirst();
      } else if (s.change() instanceof Change.Cluster c
          && !c.table().map(ctx::isNewTable).orElse(false)) {
        what = "CLUSTER";
        table = c.table();
      } else {
        continue;
      }
      String target = table.map(t -> "table " + t).orElse("every table of the database");
      String sql =
          "-- outside the migration, online:\n-- pg_repack --table="
              + table.map(Object::toString).orElse("<table>")
              + (what.equals("CLUSTER") ? " --order-by=<columns>" : "")
              + " <database>";
      ctx.report(
          s,
          what
              + " rewrites "
              + target
              + " under ACCESS EXCLUSIVE, blocking reads and writes until done",
          List.of(Fix.advice("Rewrite online with pg_repack instead.", sql)));
    }
  }
}
