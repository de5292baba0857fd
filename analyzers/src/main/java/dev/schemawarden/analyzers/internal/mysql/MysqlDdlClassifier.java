package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** CREATE, ALTER, DROP and RENAME of {@link MysqlClassifier}; the cursor stands after the first word. */
final class MysqlDdlClassifier {

  private MysqlDdlClassifier() {}

  static Change create(TokenCursor c) {
    boolean orReplace = c.acceptWords("or", "replace");
    c.acceptAny("online", "offline");
    // Options that may stand before the object kind: ALGORITHM=, DEFINER=, SQL SECURITY, TEMPORARY,
    // UNIQUE...
    boolean temporary = false;
    for (int guard = 0; guard < 12 && !c.atEnd(); guard++) {
      if (c.acceptWords("temporary")) {
        temporary = true;
      } else if (c.acceptAny("algorithm", "definer").isPresent()) {
        c.acceptOp("=");
        skipDefiner(c);
      } else if (c.acceptWords("sql", "security")) {
        c.next();
      } else if (c.acceptAny("aggregate", "unique", "fulltext", "spatial").isPresent()) {
        // UNIQUE INDEX and AGGREGATE FUNCTION: the kind follows.
      } else {
        break;
      }
    }
    String kind = c.next().value();
    switch (kind) {
      case "table":
        return table(c, temporary);
      case "index":
        return MysqlClassifier.alter(c.text())
            .<Change>map(
                a ->
                    new Change.CreateIndex(
                        a.clauses().get(0).name(),
                        a.table(),
                        a.clauses().get(0).op() == MysqlAlter.Op.ADD_UNIQUE,
                        false,
                        false,
                        List.of(),
                        Optional.empty(),
                        false))
            .orElse(MysqlClassifier.unknown("create index"));
      case "view":
        c.acceptWords("if", "not", "exists");
        return new Change.CreateView(named(c), orReplace, false);
      case "database", "schema":
        c.acceptWords("if", "not", "exists");
        return new Change.Other(
            "CREATE DATABASE", ObjectKind.DATABASE, c.acceptIdentifier().map(QualifiedName::of));
      case "procedure",
      "function",
      "trigger",
      "event",
      "sequence",
      "role",
      "user",
      "server",
      "tablespace",
      "logfile",
      "package",
      "spatial":
        c.acceptWords("if", "not", "exists");
        if (kind.equals("role") || kind.equals("user")) {
          return new Change.PrivilegeChange(c.text().strip());
        }
        return new Change.Other(
            "CREATE " + kind.toUpperCase(Locale.ROOT),
            objectKind(kind),
            c.acceptIdentifier().map(n -> MysqlClassifier.name(n, c)));
      default:
        return MysqlClassifier.unknown("create " + kind);
    }
  }

  /** {@code DEFINER = user@host}, {@code CURRENT_USER} or {@code CURRENT_USER()}; ALGORITHM's value likewise. */
  private static void skipDefiner(TokenCursor c) {
    c.next();
    c.acceptParenthesised();
    while (c.peek().value().startsWith("@")) {
      // `user`@`host` lexes as user, "@", host; user@host as one word.
      if (c.next().value().equals("@")) {
        c.next();
      }
    }
  }

  private static Change table(TokenCursor c, boolean temporary) {
    boolean ifNotExists = c.acceptWords("if", "not", "exists");
    QualifiedName table = named(c);
    List<ColumnDef> columns = new ArrayList<>();
    List<ConstraintDef> constraints = new ArrayList<>();
    boolean asSelect = false;
    if (c.isOp("(")) {
      for (TokenCursor item : c.acceptParenthesisedList()) {
        ConstraintDef.Kind kind = constraintKind(item);
        if (kind != null) {
          constraints.add(
              new ConstraintDef(
                  Optional.empty(),
                  kind,
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  List.of(),
                  Optional.empty(),
                  false));
        } else if (item.isWords("index")
            || item.isWords("key")
            || item.isWords("fulltext")
            || item.isWords("spatial")) {
          continue;
        } else if (item.isWords("like")) {
          asSelect = false;
        } else {
          columns.add(MysqlColumn.read(item).def());
        }
      }
    }
    asSelect = c.findTopLevelWord("select", "as") >= 0 && columns.isEmpty() || asSelect;
    return new Change.CreateTable(
        table,
        columns,
        constraints,
        ifNotExists,
        temporary,
        false,
        Optional.empty(),
        c.findTopLevelWord("partition") >= 0,
        asSelect);
  }

  private static ConstraintDef.Kind constraintKind(TokenCursor item) {
    int at = item.position();
    if (item.acceptWords("constraint")) {
      if (!item.isWords("primary")
          && !item.isWords("unique")
          && !item.isWords("foreign")
          && !item.isWords("check")) {
        item.acceptIdentifier();
      }
    }
    ConstraintDef.Kind kind =
        item.isWords("primary", "key")
            ? ConstraintDef.Kind.PRIMARY_KEY
            : item.isWords("unique")
                ? ConstraintDef.Kind.UNIQUE
                : item.isWords("foreign", "key")
                    ? ConstraintDef.Kind.FOREIGN_KEY
                    : item.isWords("check") ? ConstraintDef.Kind.CHECK : null;
    item.reset(at);
    return kind;
  }

  static Change alter(TokenCursor c) {
    c.acceptAny("online", "offline");
    c.acceptWords("ignore");
    if (c.isWords("table")) {
      return MysqlClassifier.alter(c.text())
          .<Change>map(a -> new Change.AlterTable(a.table(), false, false, actions(a)))
          .orElse(MysqlClassifier.unknown("alter table"));
    }
    int start = c.position();
    while (c.acceptAny("algorithm", "definer").isPresent()) {
      c.acceptOp("=");
      skipDefiner(c);
    }
    c.acceptWords("sql", "security");
    if (c.position() > start) {
      c.acceptAny("definer", "invoker");
    }
    String kind = c.next().value();
    return switch (kind) {
      case "user", "role" -> new Change.PrivilegeChange(c.text().strip());
      case "view",
          "database",
          "schema",
          "procedure",
          "function",
          "event",
          "sequence",
          "tablespace",
          "server",
          "logfile",
          "instance" ->
          new Change.Other(
              "ALTER " + kind.toUpperCase(Locale.ROOT),
              objectKind(kind),
              c.acceptIdentifier().map(n -> MysqlClassifier.name(n, c)));
      default -> MysqlClassifier.unknown("alter " + kind);
    };
  }

  private static List<AlterAction> actions(MysqlAlter a) {
    List<AlterAction> out = new ArrayList<>();
    for (MysqlAlter.Clause cl : a.clauses()) {
      if (cl.op() == MysqlAlter.Op.CHANGE_COLUMN
          && cl.oldName().filter(o -> !o.equals(cl.name().orElse(o))).isPresent()) {
        // CHANGE old new TYPE renames and restates the type: both actions, so rename rules see the
        // rename.
        out.add(new AlterAction.RenameColumn(cl.oldName().get(), cl.name().orElse("?")));
      }
      out.add(MysqlClassifier.action(cl));
    }
    return out;
  }

  static Change drop(TokenCursor c) {
    boolean temporary = c.acceptWords("temporary");
    String kind = c.next().value();
    boolean ifExists = c.acceptWords("if", "exists");
    if (kind.equals("index")) {
      Optional<String> index = c.acceptIdentifier();
      Optional<QualifiedName> on =
          c.acceptWords("on")
              ? c.acceptIdentifier().map(n -> MysqlClassifier.name(n, c))
              : Optional.empty();
      return new Change.Drop(
          ObjectKind.INDEX,
          index.map(QualifiedName::of).stream().toList(),
          ifExists,
          false,
          false,
          on);
    }
    if (kind.equals("user") || kind.equals("role")) {
      return new Change.PrivilegeChange(c.text().strip());
    }
    if (kind.equals("prepare")) {
      return new Change.Other("DEALLOCATE PREPARE", ObjectKind.OTHER, Optional.empty());
    }
    List<QualifiedName> names = new ArrayList<>();
    for (TokenCursor item : c.splitRemainingAtCommas()) {
      item.acceptIdentifier().map(n -> MysqlClassifier.name(n, item)).ifPresent(names::add);
    }
    boolean cascade =
        !names.isEmpty() && c.text().toLowerCase(Locale.ROOT).stripTrailing().endsWith("cascade");
    ObjectKind k = objectKind(kind);
    if (k == ObjectKind.OTHER && !temporary) {
      return List.of("event", "server", "tablespace", "logfile", "package", "spatial")
              .contains(kind)
          ? new Change.Other(
              "DROP " + kind.toUpperCase(Locale.ROOT), ObjectKind.OTHER, names.stream().findFirst())
          : MysqlClassifier.unknown("drop " + kind);
    }
    return new Change.Drop(temporary ? ObjectKind.TABLE : k, names, ifExists, cascade, false);
  }

  /** {@code RENAME TABLE a TO b [, c TO d]}: the first pair stands for the statement. */
  static Change rename(TokenCursor c) {
    if (!c.acceptWords("table")) {
      return c.acceptWords("user")
          ? new Change.PrivilegeChange(c.text().strip())
          : MysqlClassifier.unknown("rename");
    }
    QualifiedName from = named(c);
    c.acceptWords("to");
    QualifiedName to = named(c);
    return new Change.AlterTable(
        from, false, false, List.of(new AlterAction.RenameTable(to.name())));
  }

  private static QualifiedName named(TokenCursor c) {
    return MysqlClassifier.name(c.acceptIdentifier().orElse("?"), c);
  }

  private static ObjectKind objectKind(String kind) {
    return switch (kind) {
      case "table", "tables" -> ObjectKind.TABLE;
      case "view" -> ObjectKind.VIEW;
      case "database", "schema" -> ObjectKind.DATABASE;
      case "procedure" -> ObjectKind.PROCEDURE;
      case "function" -> ObjectKind.FUNCTION;
      case "trigger" -> ObjectKind.TRIGGER;
      case "sequence" -> ObjectKind.SEQUENCE;
      case "index" -> ObjectKind.INDEX;
      default -> ObjectKind.OTHER;
    };
  }
}
