package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;

/** LK107: adding UNIQUE builds its index under ACCESS EXCLUSIVE; build it concurrently and attach it instead. */
public final class AddingUniqueConstraint implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK107",
          "adding-unique-constraint",
          "UNIQUE constraint added without USING INDEX",
          Severity.ERROR,
          "`ALTER TABLE ... ADD [CONSTRAINT c] UNIQUE (cols)` on an existing table without `USING INDEX`.",
          "The server builds the constraint's unique index while holding ACCESS EXCLUSIVE on the table: no reads"
              + " or writes until the whole index is built.",
          "`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT c UNIQUE USING INDEX idx` (instant).");

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
    IndexBackedConstraint.check(migration, ctx, ConstraintDef.Kind.UNIQUE, "UNIQUE");
  }
}
