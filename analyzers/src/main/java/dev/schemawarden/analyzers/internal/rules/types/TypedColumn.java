package dev.schemawarden.analyzers.internal.rules.types;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A column whose type a statement declares: in {@code CREATE TABLE}, {@code ADD COLUMN} or
 * {@code ALTER COLUMN ... TYPE}. The type rules judge these and nothing else.
 *
 * @param definition the full definition for CREATE TABLE / ADD COLUMN; empty for ALTER COLUMN TYPE
 */
record TypedColumn(
    QualifiedName table,
    String column,
    DataType type,
    Origin origin,
    Optional<ColumnDef> definition) {

  enum Origin {
    CREATE_TABLE,
    ADD_COLUMN,
    ALTER_TYPE
  }

  /** Every column {@code change} gives a type, in statement order. */
  static List<TypedColumn> of(Change change) {
    List<TypedColumn> out = new ArrayList<>();
    if (change instanceof Change.CreateTable t) {
      for (ColumnDef c : t.columns()) {
        out.add(
            new TypedColumn(t.table(), c.name(), c.type(), Origin.CREATE_TABLE, Optional.of(c)));
      }
    } else if (change instanceof Change.AlterTable a) {
      for (AlterAction action : a.actions()) {
        if (action instanceof AlterAction.AddColumn add) {
          ColumnDef c = add.column();
          out.add(
              new TypedColumn(a.table(), c.name(), c.type(), Origin.ADD_COLUMN, Optional.of(c)));
        } else if (action instanceof AlterAction.AlterColumnType at) {
          out.add(
              new TypedColumn(
                  a.table(), at.column(), at.type(), Origin.ALTER_TYPE, Optional.empty()));
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code table.column} as a message shows it. */
  String label() {
    return "`" + table.name() + "." + column + "`";
  }
}
