package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
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
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DS108: {@code DROP ... CASCADE} of any object, and {@code ALTER TABLE ... DROP COLUMN|CONSTRAINT ... CASCADE}.
 * Skipped when every dropped object was created earlier in the change, since nothing older can depend on it.
 */
public final class DropCascade implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS108",
          "drop-cascade",
          "DROP ... CASCADE",
          Severity.ERROR,
          "A DROP statement, or an ALTER TABLE ... DROP COLUMN / DROP CONSTRAINT action, with CASCADE, on an "
              + "object that existed before this change.",
          "CASCADE silently drops every dependent object too: views, foreign keys, triggers, functions, columns "
              + "of a dropped type. The statement names none of them, the review cannot see them, and they "
              + "differ between databases that drifted.",
          "Drop without CASCADE (PostgreSQL's default RESTRICT refuses while dependents exist) and drop each "
              + "dependent explicitly first, so every drop is reviewed.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  /** The trace's TR110 (what CASCADE actually dropped) is the same problem of the statement. */
  @Override
  public String concern(SqlStatement statement) {
    return Concerns.DROP_CASCADE;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<String> targets = targets(stmt, migration, ctx);
      if (targets.isEmpty()) {
        continue;
      }
      ctx.report(
          stmt,
          "CASCADE on "
              + String.join(", ", targets)
              + " also drops every object that depends on "
              + (targets.size() == 1 ? "it" : "them")
              + ", unnamed and unreviewed",
          List.of(
              Fix.replacement(
                  "Drop without CASCADE; PostgreSQL then refuses while dependents exist, so drop those explicitly.",
                  Sql.withoutCascade(stmt.sql().strip()))));
    }
  }

  // What the statement drops with CASCADE that existed before the change, as the message names it.
  private static List<String> targets(SqlStatement stmt, Migration migration, RuleContext ctx) {
    if (stmt.change() instanceof Change.Drop d && d.cascade()) {
      return d.names().stream()
          .filter(n -> !isNew(d.kind(), n, stmt, migration, ctx))
          .map(n -> Sql.noun(d.kind()) + " `" + n + "`")
          .toList();
    }
    if (stmt.change() instanceof Change.AlterTable a
        && !Earlier.newTable(ctx, migration, stmt, a.table())) {
      return a.actions().stream()
          .map(
              x -> {
                if (x instanceof AlterAction.DropColumn c
                    && c.cascade()
                    && !Earlier.columnAdded(migration, stmt, a.table(), c.column())) {
                  return "column `" + a.table().name() + "." + c.column() + "`";
                }
                if (x instanceof AlterAction.DropConstraint k && k.cascade()) {
                  return "constraint `" + k.name() + "` of `" + a.table() + "`";
                }
                return "";
              })
          .filter(s -> !s.isEmpty())
          .collect(Collectors.toList());
    }
    return List.of();
  }

  private static boolean isNew(
      ObjectKind kind,
      QualifiedName name,
      SqlStatement stmt,
      Migration migration,
      RuleContext ctx) {
    return switch (kind) {
      case TABLE -> Earlier.newTable(ctx, migration, stmt, name);
      case TYPE, DOMAIN -> Earlier.typeCreated(migration, stmt, name);
      case SCHEMA -> Earlier.schemaCreated(migration, stmt, name.name());
      default -> false;
    };
  }
}
