package dev.schemawarden.analyzers.api;

import java.util.Objects;
import java.util.Optional;

/** One action of an {@code ALTER TABLE} (a statement may carry several, comma-separated). */
public sealed interface AlterAction {

  record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {
    public AddColumn {
      Objects.requireNonNull(column, "column");
    }
  }

  record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {}

  /** {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}. */
  record AlterColumnType(String column, DataType type, Optional<String> using)
      implements AlterAction {}

  record SetNotNull(String column) implements AlterAction {}

  record DropNotNull(String column) implements AlterAction {}

  record SetDefault(String column, String expression) implements AlterAction {}

  record DropDefault(String column) implements AlterAction {}

  record AddConstraint(ConstraintDef constraint) implements AlterAction {}

  record ValidateConstraint(String name) implements AlterAction {}

  record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterAction {}

  record RenameColumn(String from, String to) implements AlterAction {}

  record RenameTable(String to) implements AlterAction {}

  record RenameConstraint(String from, String to) implements AlterAction {}

  record SetSchema(String schema) implements AlterAction {}

  /** {@code SET LOGGED} (logged=true) or {@code SET UNLOGGED}. */
  record SetLogged(boolean logged) implements AlterAction {}

  record AttachPartition(QualifiedName partition, String bound) implements AlterAction {}

  record DetachPartition(QualifiedName partition, boolean concurrently, boolean finalizeDetach)
      implements AlterAction {}

  record SetTablespace(String tablespace) implements AlterAction {}

  /** Any other action (e.g. {@code ENABLE TRIGGER}, {@code SET (fillfactor=..)}, {@code OWNER TO}). */
  record Other(String text) implements AlterAction {}
}
