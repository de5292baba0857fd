package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CREATE TABLE, ALTER TABLE, column definitions and constraints. */
final class PostgresTableClassifier {
  private PostgresTableClassifier() {}

  private static final Set<String> CONSTRAINT_START =
      Set.of("constraint", "primary", "unique", "foreign", "check", "exclude");

  /** Words that end a DEFAULT expression in a column definition. */
  private static final String[] COLUMN_CLAUSE = {
    "constraint",
    "not",
    "null",
    "check",
    "unique",
    "primary",
    "references",
    "generated",
    "deferrable",
    "initially",
    "collate",
    "storage",
    "compression"
  };

  /** At the cursor just after {@code CREATE [TEMP|UNLOGGED...] TABLE}. */
  static Change createTable(TokenCursor c, boolean temporary, boolean unlogged) {
    boolean ifNotExists = c.acceptWords("if", "not", "exists");
    Optional<QualifiedName> table = PostgresSyntax.qualifiedName(c);
    if (table.isEmpty()) {
      return new Change.Unknown("CREATE TABLE without a table name");
    }
    List<ColumnDef> columns = new ArrayList<>();
    List<ConstraintDef> constraints = new ArrayList<>();
    Optional<QualifiedName> partitionOf = Optional.empty();
    if (c.acceptWords("partition", "of")) {
      partitionOf = PostgresSyntax.qualifiedName(c);
    } else if (c.acceptWords("of")) {
      PostgresSyntax.qualifiedName(c); // typed table
    }
    for (TokenCursor element : c.acceptParenthesisedList()) {
      if (CONSTRAINT_START.contains(element.peek().value())
          && element.peek().type() != quotedType()) {
        constraint(element).ifPresent(constraints::add);
      } else if (!element.isWords("like")) {
        column(element).ifPresent(columns::add);
      }
    }
    boolean partitioned = c.findTopLevelWord("partition") >= 0 && isPartitionBy(c);
    boolean asSelect = c.findTopLevelWord("as") >= 0;
    return new Change.CreateTable(
        table.get(),
        columns,
        constraints,
        ifNotExists,
        temporary,
        unlogged,
        partitionOf,
        partitioned,
        asSelect);
  }

  private static dev.schemawarden.analyzers.internal.sql.Token.Type quotedType() {
    return dev.schemawarden.analyzers.internal.sql.Token.Type.QUOTED_IDENT;
  }

  private static boolean isPartitionBy(TokenCursor c) {
    int at = c.findTopLevelWord("partition");
    return c.token(at + 1).isWord("by");
  }

  /** A column definition: {@code name type [constraints...]}. */
  static Optional<ColumnDef> column(TokenCursor c) {
    Optional<String> name = c.acceptIdentifier();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    DataType type = PostgresSyntax.dataType(c).orElse(DataType.of("unknown"));
    boolean notNull = false;
    Optional<String> defaultExpr = Optional.empty();
    ColumnDef.Generated generated = ColumnDef.Generated.NONE;
    Optional<ConstraintDef> inline = Optional.empty();
    Optional<String> constraintName = Optional.empty();
    while (!c.atEnd()) {
      if (c.acceptWords("constraint")) {
        constraintName = c.acceptIdentifier();
      } else if (c.acceptWords("not", "null")) {
        notNull = true;
      } else if (c.acceptWords("null")) {
        notNull = false;
      } else if (c.acceptWords("default")) {
        int from = c.position();
        c.next();
        int stop = c.findTopLevelWord(COLUMN_CLAUSE);
        int to = stop < 0 ? c.size() : stop;
        defaultExpr = Optional.of(c.textBetween(from, to));
        c.reset(to);
      } else if (c.acceptWords("generated")) {
        c.acceptAny("always");
        c.acceptWords("by", "default");
        c.acceptWords("as");
        if (c.acceptWords("identity")) {
          generated = ColumnDef.Generated.IDENTITY;
          c.acceptParenthesised();
        } else {
          c.acceptParenthesised();
          generated =
              c.acceptWords("virtual") ? ColumnDef.Generated.VIRTUAL : ColumnDef.Generated.STORED;
          c.acceptWords("stored");
        }
      } else if (c.isWords("primary")
          || c.isWords("unique")
          || c.isWords("check")
          || c.isWords("references")) {
        ConstraintDef def = inlineConstraint(c, constraintName, name.get());
        if (def.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
          notNull = true;
        }
        if (inline.isEmpty()) {
          inline = Optional.of(def);
        }
        constraintName = Optional.empty();
      } else {
        c.next(); // COLLATE x, DEFERRABLE, STORAGE ..., options we do not model
      }
    }
    return Optional.of(new ColumnDef(name.get(), type, notNull, defaultExpr, generated, inline));
  }

  private static ConstraintDef inlineConstraint(
      TokenCursor c, Optional<String> name, String column) {
    List<String> cols = List.of(column);
    if (c.acceptWords("primary", "key")) {
      return new ConstraintDef(
          name,
          ConstraintDef.Kind.PRIMARY_KEY,
          cols,
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          false);
    }
    if (c.acceptWords("unique")) {
      c.acceptWords("nulls", "not", "distinct");
      c.acceptWords("nulls", "distinct");
      return new ConstraintDef(
          name,
          ConstraintDef.Kind.UNIQUE,
          cols,
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          false);
    }
    if (c.acceptWords("check")) {
      Optional<String> expr = c.acceptParenthesised();
      c.acceptWords("no", "inherit");
      return new ConstraintDef(
          name,
          ConstraintDef.Kind.CHECK,
          cols,
          Optional.empty(),
          Optional.empty(),
          List.of(),
          expr,
          false);
    }
    c.acceptWords("references");
    Optional<QualifiedName> ref = PostgresSyntax.qualifiedName(c);
    List<String> refCols = PostgresSyntax.columnList(c);
    skipReferenceOptions(c);
    return new ConstraintDef(
        name,
        ConstraintDef.Kind.FOREIGN_KEY,
        cols,
        Optional.empty(),
        ref,
        refCols,
        Optional.empty(),
        false);
  }

  private static void skipReferenceOptions(TokenCursor c) {
    while (true) {
      if (c.acceptWords("match")) {
        c.next();
      } else if (c.acceptWords("on", "delete") || c.acceptWords("on", "update")) {
        if (!c.acceptWords("no", "action")
            && !c.acceptWords("set", "null")
            && !c.acceptWords("set", "default")) {
          c.next();
        }
        if (c.isOp("(")) {
          c.acceptParenthesised();
        }
      } else {
        return;
      }
    }
  }

  /** A table constraint: {@code [CONSTRAINT n] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE ... [NOT VALID]}. */
  static Optional<ConstraintDef> constraint(TokenCursor c) {
    Optional<String> name = Optional.empty();
    if (c.acceptWords("constraint")) {
      name = c.acceptIdentifier();
    }
    ConstraintDef.Kind kind;
    List<String> cols = List.of();
    Optional<String> usingIndex = Optional.empty();
    Optional<QualifiedName> ref = Optional.empty();
    List<String> refCols = List.of();
    Optional<String> expr = Optional.empty();
    if (c.acceptWords("primary", "key") || c.isWords("unique")) {
      kind = c.acceptWords("unique") ? ConstraintDef.Kind.UNIQUE : ConstraintDef.Kind.PRIMARY_KEY;
      c.acceptWords("nulls", "not", "distinct");
      c.acceptWords("nulls", "distinct");
      if (c.acceptWords("using", "index")) {
        usingIndex = c.acceptIdentifier();
      } else {
        cols = PostgresSyntax.columnList(c);
      }
    } else if (c.acceptWords("foreign", "key")) {
      kind = ConstraintDef.Kind.FOREIGN_KEY;
      cols = PostgresSyntax.columnList(c);
      if (c.acceptWords("references")) {
        ref = PostgresSyntax.qualifiedName(c);
        refCols = PostgresSyntax.columnList(c);
      }
    } else if (c.acceptWords("check")) {
      kind = ConstraintDef.Kind.CHECK;
      expr = c.acceptParenthesised();
    } else if (c.acceptWords("exclude")) {
      kind = ConstraintDef.Kind.EXCLUDE;
      if (c.acceptWords("using")) {
        c.next();
      }
      expr = c.acceptParenthesised();
    } else if (c.acceptWords("not", "null")) {
      kind = ConstraintDef.Kind.NOT_NULL;
      cols = c.acceptIdentifier().map(List::of).orElse(List.of());
    } else {
      return Optional.empty();
    }
    boolean notValid =
        c.findTopLevelWord("valid") > 0 && c.token(c.findTopLevelWord("valid") - 1).isWord("not");
    return Optional.of(
        new ConstraintDef(name, kind, cols, usingIndex, ref, refCols, expr, notValid));
  }

  /** At the cursor just after {@code ALTER TABLE}. */
  static Change alterTable(TokenCursor c) {
    boolean ifExists = c.acceptWords("if", "exists");
    boolean only = c.acceptWords("only");
    Optional<QualifiedName> table = PostgresSyntax.qualifiedName(c);
    if (table.isEmpty()) {
      return new Change.Unknown("ALTER TABLE without a table name");
    }
    c.acceptOp("*");
    List<AlterAction> actions = new ArrayList<>();
    for (TokenCursor action : c.splitRemainingAtCommas()) {
      actions.add(action(action));
    }
    return new Change.AlterTable(table.get(), ifExists, only, actions);
  }

  static AlterAction action(TokenCursor c) {
    String text = c.remainingText();
    if (c.acceptWords("add")) {
      if (!c.isWords("column")
          && CONSTRAINT_START.contains(c.peek().value())
          && c.peek().type() != quotedType()) {
        return constraint(c)
            .<AlterAction>map(AlterAction.AddConstraint::new)
            .orElse(new AlterAction.Other(text));
      }
      c.acceptWords("column");
      boolean ifNotExists = c.acceptWords("if", "not", "exists");
      return column(c)
          .<AlterAction>map(col -> new AlterAction.AddColumn(col, ifNotExists))
          .orElse(new AlterAction.Other(text));
    }
    if (c.acceptWords("drop")) {
      if (c.acceptWords("constraint")) {
        boolean ifExists = c.acceptWords("if", "exists");
        String name = c.acceptIdentifier().orElse("");
        return new AlterAction.DropConstraint(name, ifExists, c.acceptWords("cascade"));
      }
      c.acceptWords("column");
      boolean ifExists = c.acceptWords("if", "exists");
      String name = c.acceptIdentifier().orElse("");
      return new AlterAction.DropColumn(name, ifExists, c.acceptWords("cascade"));
    }
    if (c.acceptWords("alter")) {
      if (c.isWords("constraint")) {
        return new AlterAction.Other(text);
      }
      c.acceptWords("column");
      Optional<String> column = c.acceptIdentifier();
      if (column.isEmpty()) {
        return new AlterAction.Other(text);
      }
      return alterColumn(c, column.get(), text);
    }
    if (c.acceptWords("validate", "constraint")) {
      return new AlterAction.ValidateConstraint(c.acceptIdentifier().orElse(""));
    }
    if (c.acceptWords("rename")) {
      if (c.acceptWords("to")) {
        return new AlterAction.RenameTable(c.acceptIdentifier().orElse(""));
      }
      if (c.acceptWords("constraint")) {
        String from = c.acceptIdentifier().orElse("");
        c.acceptWords("to");
        return new AlterAction.RenameConstraint(from, c.acceptIdentifier().orElse(""));
      }
      c.acceptWords("column");
      String from = c.acceptIdentifier().orElse("");
      c.acceptWords("to");
      return new AlterAction.RenameColumn(from, c.acceptIdentifier().orElse(""));
    }
    if (c.acceptWords("set", "schema")) {
      return new AlterAction.SetSchema(c.acceptIdentifier().orElse(""));
    }
    if (c.acceptWords("set", "logged")) {
      return new AlterAction.SetLogged(true);
    }
    if (c.acceptWords("set", "unlogged")) {
      return new AlterAction.SetLogged(false);
    }
    if (c.acceptWords("set", "tablespace")) {
      return new AlterAction.SetTablespace(c.acceptIdentifier().orElse(""));
    }
    if (c.acceptWords("attach", "partition")) {
      Optional<QualifiedName> p = PostgresSyntax.qualifiedName(c);
      if (p.isPresent()) {
        return new AlterAction.AttachPartition(p.get(), c.remainingText());
      }
    }
    if (c.acceptWords("detach", "partition")) {
      Optional<QualifiedName> p = PostgresSyntax.qualifiedName(c);
      if (p.isPresent()) {
        boolean concurrently = c.acceptWords("concurrently");
        return new AlterAction.DetachPartition(p.get(), concurrently, c.acceptWords("finalize"));
      }
    }
    return new AlterAction.Other(text);
  }

  private static AlterAction alterColumn(TokenCursor c, String column, String text) {
    if (c.acceptWords("set", "data", "type") || c.acceptWords("type")) {
      DataType type = PostgresSyntax.dataType(c).orElse(DataType.of("unknown"));
      if (c.acceptWords("collate")) {
        PostgresSyntax.qualifiedName(c);
      }
      Optional<String> using = Optional.empty();
      if (c.acceptWords("using")) {
        using = Optional.of(c.remainingText());
      }
      return new AlterAction.AlterColumnType(column, type, using);
    }
    if (c.acceptWords("set", "not", "null")) {
      return new AlterAction.SetNotNull(column);
    }
    if (c.acceptWords("drop", "not", "null")) {
      return new AlterAction.DropNotNull(column);
    }
    if (c.acceptWords("set", "default")) {
      return new AlterAction.SetDefault(column, c.remainingText());
    }
    if (c.acceptWords("drop", "default")) {
      return new AlterAction.DropDefault(column);
    }
    return new AlterAction.Other(text);
  }
}
