package dev.schemawarden.analyzers.internal.rules.support;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.SqlStatement;

/**
 * The {@code ALTER TABLE} actions a migration runs on tables that existed before the change: the ones a lock rule
 * judges. A table the change creates has no rows to rewrite or scan and no readers to block.
 */
public final class ExistingTableActions {

  /** What a rule does with one action; {@code alter} is the statement's whole ALTER TABLE. */
  @FunctionalInterface
  public interface Visitor {
    void visit(SqlStatement statement, Change.AlterTable alter, AlterAction action);
  }

  private ExistingTableActions() {}

  /** Calls {@code visitor} for each action of each ALTER TABLE on an existing table, in statement order. */
  public static void forEach(Migration migration, RuleContext ctx, Visitor visitor) {
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.AlterTable alter) || ctx.isNewTable(alter.table())) {
        continue;
      }
      for (AlterAction action : alter.actions()) {
        visitor.visit(s, alter, action);
      }
    }
  }
}
