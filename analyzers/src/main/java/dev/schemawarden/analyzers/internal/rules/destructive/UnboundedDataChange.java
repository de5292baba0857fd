package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.DataChange.DmlKind;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DS107: an {@code UPDATE} or {@code DELETE} without {@code WHERE} on a table that existed before this change. */
public final class UnboundedDataChange implements LintRule {

  private static final Pattern RETURNING = Pattern.compile("(?i)\\bRETURNING\\b");

  private static final RuleMeta META =
      Metas.postgres(
          "DS107",
          "unbounded-data-change",
          "UPDATE or DELETE of every row",
          Severity.ERROR,
          "An UPDATE or DELETE without a WHERE clause on a table that was not created earlier in the same change.",
          "Every row is changed in one transaction: each one stays locked against other writers until the "
              + "migration commits, the table and its indexes bloat by a dead copy of every row, replicas fall "
              + "behind, and a DELETE loses the data for good.",
          "Backfill in batches by primary-key range, each batch its own transaction, outside the schema "
              + "migration; for a DELETE make sure deleting every row is really meant.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.DataChange dc)
          || (dc.kind() != DmlKind.UPDATE && dc.kind() != DmlKind.DELETE)
          || dc.hasWhere()) {
        continue;
      }
      if (dc.table().map(t -> Earlier.newTable(ctx, migration, stmt, t)).orElse(false)) {
        continue;
      }
      String verb = dc.kind() == DmlKind.UPDATE ? "UPDATE" : "DELETE";
      String table = dc.table().map(t -> "`" + t + "`").orElse("the table");
      ctx.report(
          stmt,
          verb
              + " of "
              + table
              + " has no WHERE: it "
              + (dc.kind() == DmlKind.UPDATE ? "rewrites" : "deletes")
              + " every row in one transaction, locking each until the migration commits",
          List.of(
              Fix.advice(
                  "Work through the table one primary-key range at a time, committing each batch (shown for a key "
                      + "column named id).",
                  batched(stmt.sql().strip()))));
    }
  }

  // The statement itself, limited to one key range (before any RETURNING clause).
  static String batched(String sql) {
    String range = "WHERE id >= 1 AND id < 10001";
    Matcher m = RETURNING.matcher(sql);
    String limited =
        m.find()
            ? sql.substring(0, m.start()).stripTrailing()
                + "\n"
                + range
                + "\n"
                + sql.substring(m.start())
            : sql + "\n" + range;
    return "-- outside the schema migration, one transaction per batch; repeat with the next range\n"
        + "-- (10001..20000, ...) until max(id):\n"
        + limited
        + ";";
  }
}
