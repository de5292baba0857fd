package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * LK118: a domain constraint is checked against every column of the domain in every table, and a later change to it
 * cannot be made safely; ALTER DOMAIN ADD CONSTRAINT without NOT VALID scans them all under lock.
 */
public final class DomainWithConstraint implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK118",
          "domain-with-constraint",
          "Domain with a CHECK constraint",
          Severity.WARNING,
          "`CREATE DOMAIN ... CHECK (...)`, or `ALTER DOMAIN ... ADD CONSTRAINT` without `NOT VALID`.",
          "Adding a domain constraint scans every column of that domain in every table while holding locks on"
              + " them; constraints created with the domain cannot later be changed without such a scan.",
          "Put the CHECK on the table columns (where `NOT VALID` + `VALIDATE` works), or add domain"
              + " constraints `NOT VALID` and `VALIDATE CONSTRAINT` separately.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.CreateDomain d && d.hasConstraint()) {
        ctx.report(
            s,
            "domain "
                + d.name()
                + " carries a CHECK constraint: changing it later scans every column"
                + " of type "
                + d.name()
                + " in every table under lock",
            List.of(
                Fix.advice(
                    "Create the domain without a constraint and put the CHECK on the columns.",
                    "CREATE DOMAIN " + Sql.name(d.name()) + " AS " + d.baseType() + ";")));
      } else if (s.change() instanceof Change.AlterDomain d
          && d.addsConstraint()
          && !d.notValid()) {
        ctx.report(
            s,
            "ALTER DOMAIN "
                + d.name()
                + " ADD CONSTRAINT validates every column of type "
                + d.name()
                + " in every table while holding locks on them",
            List.of(
                Fix.advice(
                    "Add it NOT VALID, then VALIDATE CONSTRAINT separately.",
                    s.sql().strip()
                        + " NOT VALID;\n-- separately:\nALTER DOMAIN "
                        + Sql.name(d.name())
                        + " VALIDATE CONSTRAINT <name>;")));
      }
    }
  }
}
