package dev.schemawarden.analyzers.internal.rules.support;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Questions about the statements before a given one in the same migration: was this type, schema or column
 * created here? {@link RuleContext#isNewTable} answers for tables across the whole change; for the other
 * objects the migration itself is what a static rule can see.
 */
public final class Earlier {

  private Earlier() {}

  /** True when a statement before {@code stmt} in {@code migration} satisfies {@code test}. */
  public static boolean any(Migration migration, SqlStatement stmt, Predicate<Change> test) {
    for (SqlStatement s : migration.statements()) {
      if (s.index() >= stmt.index()) {
        return false;
      }
      if (test.test(s.change())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The table existed before this change: no running code uses it yet. {@link RuleContext#isNewTable} answers for
   * the whole change but cannot tell "created before this statement" from "created after it"; a table that this
   * migration creates only <em>after</em> {@code stmt} (drop and re-create) is therefore treated as existing.
   */
  public static boolean newTable(
      RuleContext ctx, Migration migration, SqlStatement stmt, QualifiedName table) {
    if (!ctx.isNewTable(table)) {
      return false;
    }
    if (any(migration, stmt, c -> c instanceof Change.CreateTable t && t.table().matches(table))) {
      return true;
    }
    boolean createdLater =
        migration.statements().stream()
            .anyMatch(
                s ->
                    s.index() > stmt.index()
                        && s.change() instanceof Change.CreateTable t
                        && t.table().matches(table));
    return !createdLater;
  }

  /** The enum, composite or range type, or the domain, {@code name} was created before {@code stmt}. */
  public static boolean typeCreated(Migration migration, SqlStatement stmt, QualifiedName name) {
    return any(
        migration,
        stmt,
        c ->
            (c instanceof Change.CreateType t && t.name().matches(name))
                || (c instanceof Change.CreateDomain d && d.name().matches(name))
                || createsOther(c, name, ObjectKind.TYPE)
                || createsOther(c, name, ObjectKind.DOMAIN));
  }

  /** The schema {@code name} was created before {@code stmt}. */
  public static boolean schemaCreated(Migration migration, SqlStatement stmt, String name) {
    return any(migration, stmt, c -> createsOther(c, QualifiedName.of(name), ObjectKind.SCHEMA));
  }

  /**
   * Column {@code column} of {@code table} came into being before {@code stmt}: added by {@code ADD COLUMN} or
   * by a rename to it. (A table created in the change is answered by {@link RuleContext#isNewTable}.)
   */
  public static boolean columnAdded(
      Migration migration, SqlStatement stmt, QualifiedName table, String column) {
    return any(
        migration,
        stmt,
        c ->
            c instanceof Change.AlterTable a
                && a.table().matches(table)
                && a.actions().stream()
                    .anyMatch(
                        x ->
                            (x instanceof AlterAction.AddColumn add
                                && add.column().name().equals(column))));
  }

  /** The table, or a column of it, is new in this change: either way no running code relies on it yet. */
  public static boolean newColumn(
      RuleContext ctx, Migration migration, SqlStatement stmt, QualifiedName table, String column) {
    return newTable(ctx, migration, stmt, table) || columnAdded(migration, stmt, table, column);
  }

  private static boolean createsOther(Change c, QualifiedName name, ObjectKind kind) {
    return c instanceof Change.Other o
        && o.kind() == kind
        && o.keywords().toUpperCase(Locale.ROOT).startsWith("CREATE")
        && o.target().map(t -> t.matches(name)).orElse(false);
  }
}
