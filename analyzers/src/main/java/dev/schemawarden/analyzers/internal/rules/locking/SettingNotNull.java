package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.regex.Pattern;

/** LK106: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a validated CHECK proves it. */
public final class SettingNotNull implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK106",
          "setting-not-null",
          "SET NOT NULL on an existing column",
          Severity.ERROR,
          "`ALTER TABLE ... ALTER COLUMN c SET NOT NULL` on an existing table.",
          "The server scans every row to check for NULLs while holding ACCESS EXCLUSIVE: no reads or writes for"
              + " the length of a full table scan.",
          "On PostgreSQL 12+: add `CHECK (c IS NOT NULL) NOT VALID`, `VALIDATE` it (no blocking), then"
              + " `SET NOT NULL` (skips the scan because the check proves it) and drop the check.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("scan", statement, meta().id());
  }

  /**
   * An earlier statement added {@code CHECK (column IS NOT NULL)} to the table: once validated it lets PostgreSQL 12+
   * skip the scan, which is the safe pattern this rule recommends. (The CHECK expression is text in the model.)
   */
  private static boolean provenEarlier(
      Migration m, SqlStatement s, Change.AlterTable alter, String column) {
    Pattern isNotNull =
        Pattern.compile(
            "(?i)^\\(*\\s*\"?" + Pattern.quote(column) + "\"?\\s+IS\\s+NOT\\s+NULL\\s*\\)*$");
    return Earlier.any(
        m,
        s,
        c ->
            c instanceof Change.AlterTable a
                && a.table().matches(alter.table())
                && a.actions().stream()
                    .anyMatch(
                        x ->
                            x instanceof AlterAction.AddConstraint add
                                && add.constraint().kind() == ConstraintDef.Kind.CHECK
                                && add.constraint()
                                    .expression()
                                    .map(e -> isNotNull.matcher(e.strip()).matches())
                                    .orElse(false)));
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.SetNotNull nn
              && !provenEarlier(migration, s, alter, nn.column())) {
            String t = Sql.name(alter.table());
            String col = Sql.ident(nn.column());
            String check = Sql.ident(Sql.constraintName(alter.table(), nn.column(), "not_null"));
            boolean pg12 = ctx.serverVersion().atLeast(12);
            String sql =
                "ALTER TABLE "
                    + t
                    + " ADD CONSTRAINT "
                    + check
                    + " CHECK ("
                    + col
                    + " IS NOT NULL) NOT VALID;"
                    + "\n-- in a separate transaction:\nALTER TABLE "
                    + t
                    + " VALIDATE CONSTRAINT "
                    + check
                    + ";"
                    + (pg12
                        ? "\nALTER TABLE "
                            + t
                            + " ALTER COLUMN "
                            + col
                            + " SET NOT NULL;\nALTER TABLE "
                            + t
                            + " DROP CONSTRAINT "
                            + check
                            + ";"
                        : "");
            String how =
                pg12
                    ? "a validated CHECK ("
                        + nn.column()
                        + " IS NOT NULL) lets SET NOT NULL skip the scan"
                    : "before PostgreSQL 12 SET NOT NULL always scans; a validated CHECK constraint enforces the same"
                        + " without the blocking scan";
            ctx.report(
                s,
                "SET NOT NULL on "
                    + alter.table()
                    + "."
                    + nn.column()
                    + " scans the whole table under"
                    + " ACCESS EXCLUSIVE; "
                    + how,
                List.of(Fix.advice("Prove NOT NULL with a validated CHECK first.", sql)));
          }
        });
  }
}
