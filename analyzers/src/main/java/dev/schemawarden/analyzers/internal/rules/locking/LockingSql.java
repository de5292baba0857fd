package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** SQL the locking rules put into their fixes, built from the statement's own names. */
final class LockingSql {

  private static final Pattern CREATE_INDEX =
      Pattern.compile("(?is)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\b");
  private static final Pattern DROP_INDEX = Pattern.compile("(?is)^(\\s*DROP\\s+INDEX)\\b");

  private LockingSql() {}

  /** The statement with {@code CONCURRENTLY} after {@code CREATE [UNIQUE] INDEX}, everything else kept. */
  static String createIndexConcurrently(String sql) {
    return CREATE_INDEX.matcher(sql.strip()).replaceFirst("$1 CONCURRENTLY") + ";";
  }

  /** The statement with {@code CONCURRENTLY} after {@code DROP INDEX}, without CASCADE (CONCURRENTLY refuses it). */
  static String dropIndexConcurrently(String sql) {
    return Sql.withoutCascade(DROP_INDEX.matcher(sql.strip()).replaceFirst("$1 CONCURRENTLY"))
        + ";";
  }

  static String columns(List<String> columns) {
    return columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
  }

  /** The constraint's name, or the one PostgreSQL would choose ({@code table_col_fkey}). */
  static String constraintName(QualifiedName table, ConstraintDef c) {
    if (c.name().isPresent()) {
      return c.name().get();
    }
    String suffix =
        switch (c.kind()) {
          case FOREIGN_KEY -> "fkey";
          case PRIMARY_KEY -> "pkey";
          case UNIQUE -> "key";
          case EXCLUDE -> "excl";
          default -> "check";
        };
    String column = c.columns().isEmpty() ? "" : String.join("_", c.columns());
    return column.isEmpty()
        ? Sql.suffixed(table.name(), suffix)
        : Sql.constraintName(table, column, suffix);
  }

  /** The constraint's definition as written after {@code ADD CONSTRAINT name}. */
  static String definition(ConstraintDef c) {
    return switch (c.kind()) {
      case CHECK -> "CHECK (" + c.expression().orElse("...") + ")";
      case FOREIGN_KEY ->
          "FOREIGN KEY ("
              + columns(c.columns())
              + ") REFERENCES "
              + c.references().map(Sql::name).orElse("...")
              + (c.referencedColumns().isEmpty()
                  ? ""
                  : " (" + columns(c.referencedColumns()) + ")");
      case UNIQUE -> "UNIQUE (" + columns(c.columns()) + ")";
      case PRIMARY_KEY -> "PRIMARY KEY (" + columns(c.columns()) + ")";
      case EXCLUDE -> "EXCLUDE " + c.expression().orElse("(...)");
      case NOT_NULL -> "NOT NULL";
    };
  }

  private static final Pattern ALTER_PREFIX =
      Pattern.compile(
          "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:\"[^\"]*\"|[^\\s.\"]+)"
              + "(?:\\.(?:\"[^\"]*\"|[^\\s.\"]+))?\\s+");

  /** The action list of an {@code ALTER TABLE} statement: its text after the table name. */
  static String actionsText(String sql) {
    return ALTER_PREFIX.matcher(sql.strip()).replaceFirst("");
  }

  /**
   * Actions that cannot share an ALTER TABLE with others (renames, SET SCHEMA, partition attach/detach), or that
   * are deliberately separate (validating a constraint added NOT VALID earlier).
   */
  static boolean standsAlone(dev.schemawarden.analyzers.api.AlterAction a) {
    return a instanceof dev.schemawarden.analyzers.api.AlterAction.RenameColumn
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.RenameTable
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.RenameConstraint
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.SetSchema
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.AttachPartition
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.DetachPartition
        || a instanceof dev.schemawarden.analyzers.api.AlterAction.ValidateConstraint;
  }

  /** {@code kind} for a message, e.g. {@code FOREIGN KEY}. */
  static String kind(ConstraintDef c) {
    return c.kind().name().replace('_', ' ').toUpperCase(Locale.ROOT);
  }
}
